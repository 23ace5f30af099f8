using System.Buffers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Conversation.State;

/// <summary>
/// Reads one state document in Bot.Builder's layout — a JSON object with the typed value under its property name
/// (<c>{"conversation":{…}}</c>, <c>{"profile":{…}}</c>) — straight into the typed object, one parse per load with no
/// JObject for the value. Other top-level properties are returned as they were read, so BotState writes them back.
/// </summary>
public static class StateDocumentFormat
{
    // No type names: nothing in the database can make the process instantiate an arbitrary type.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        DateParseHandling = DateParseHandling.None,
    });

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

    /// <summary>The reader's character buffers from the shared pool instead of new ones per document.</summary>
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
