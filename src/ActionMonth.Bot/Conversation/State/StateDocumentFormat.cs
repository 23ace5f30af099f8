using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Conversation.State;

/// <summary>
/// Reads and writes one state document in Bot.Builder's layout — a JSON object with the typed value under its
/// property name (<c>{"conversation":{…}}</c>, <c>{"profile":{…}}</c>) — straight to and from the typed object:
/// one parse per load and one serialisation per save, with no JObject in between. Other top-level properties are
/// kept as they were read and written back, as BotState keeps what it does not know.
/// </summary>
public static class StateDocumentFormat
{
    // No type names: nothing in the database can make the process instantiate an arbitrary type.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.None,
    });

    // The writer's text buffer, reused by the thread that serialises; a document is a few hundred characters.
    [ThreadStatic] private static StringBuilder? _buffer;

    /// <summary>The value under <paramref name="property"/> (default when absent or null) and any other properties.</summary>
    public static (T? Value, JProperty[]? Others) Read<T>(string json, string property) where T : class
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, ArrayPool = CharPool.Instance };
        if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            throw new JsonSerializationException("A state document is not a JSON object.");
        T? value = null;
        List<JProperty>? others = null;
        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            if (!reader.Read()) break;
            if (name == property) value = Serializer.Deserialize<T>(reader);
            else (others ??= []).Add(new JProperty(name, JToken.ReadFrom(reader)));
        }
        if (reader.TokenType != JsonToken.EndObject) throw new JsonSerializationException("A state document is cut short.");
        return (value, others?.ToArray());
    }

    /// <summary>The document of <paramref name="value"/> under <paramref name="property"/>, with <paramref name="others"/>
    /// after it; <paramref name="previous"/> itself (no new string) when the result is the same text.</summary>
    public static string Write<T>(string property, T value, JProperty[]? others, string? previous)
    {
        var buffer = _buffer ?? new StringBuilder(512);
        _buffer = null;
        buffer.Clear();
        using (var writer = new JsonTextWriter(new StringWriter(buffer, CultureInfo.InvariantCulture)) { Formatting = Formatting.None, ArrayPool = CharPool.Instance })
        {
            writer.WriteStartObject();
            writer.WritePropertyName(property);
            Serializer.Serialize(writer, value, typeof(T));
            if (others is not null)
                foreach (var other in others)
                    if (other.Name != property) other.WriteTo(writer);
            writer.WriteEndObject();
        }
        var json = previous is not null && buffer.Equals(previous.AsSpan()) ? previous : buffer.ToString();
        // A document far above the usual size is not kept for the next one.
        if (buffer.Capacity <= 16 * 1024) _buffer = buffer;
        return json;
    }

    /// <summary>The reader's and writer's character buffers from the shared pool instead of new ones per document.</summary>
    private sealed class CharPool : IArrayPool<char>
    {
        public static readonly CharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null) ArrayPool<char>.Shared.Return(array);
        }
    }
}
