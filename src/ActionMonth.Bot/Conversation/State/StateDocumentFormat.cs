using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Conversation.State;

/// <summary>
/// The text of a state document in Bot.Builder's layout — a JSON object with the typed value under its property name
/// (<c>{"conversation":{…}}</c>, <c>{"profile":{…}}</c>) — read straight into the typed object and written from it with
/// System.Text.Json's generated code for <see cref="ConversationData"/> and <see cref="UserProfile"/> (Newtonsoft's
/// reflection serializer cost several times more per turn). The text is what Bot.Builder's own Newtonsoft reading
/// accepts: the same property names, nulls written, the role as its name. Other top-level properties are kept as
/// they were read (JTokens), so BotState writes them back; any other value is written by Newtonsoft.
/// </summary>
public static class StateDocumentFormat
{
    private static readonly StateJsonContext Context = new(new JsonSerializerOptions
    {
        // Property names as declared (Newtonsoft's default), any case accepted when reading, as Newtonsoft does.
        PropertyNameCaseInsensitive = true,
        // Document ids such as 56/2017/NĐ-CP stay readable in the database, as Newtonsoft wrote them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly Newtonsoft.Json.JsonSerializer Fallback = Newtonsoft.Json.JsonSerializer.Create(new Newtonsoft.Json.JsonSerializerSettings
    {
        // No type names: nothing in the database can make the process instantiate an arbitrary type.
        TypeNameHandling = Newtonsoft.Json.TypeNameHandling.None,
        DateParseHandling = Newtonsoft.Json.DateParseHandling.None,
    });

    private const string ETagProperty = "eTag";

    /// <summary>The value under <paramref name="property"/> (default when absent or null) and any other properties.</summary>
    public static (T? Value, JProperty[]? Others) Read<T>(string json, string property) where T : class
    {
        var typeInfo = TypeInfo<T>();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException("A state document is not a JSON object.");
            T? value = null;
            List<JProperty>? others = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!reader.Read()) break;
                if (name == property) value = JsonSerializer.Deserialize(ref reader, typeInfo);
                else (others ??= []).Add(new JProperty(name, JToken.Parse(JsonElement.ParseValue(ref reader).GetRawText())));
            }
            if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("A state document is cut short.");
            return (value, others?.ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>The document text of BotState's items, leaving out <c>eTag</c>. The same items always give the same
    /// text, which is how a tracked state tells whether anything changed.</summary>
    public static string Write(IDictionary<string, object> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        // Every turn writes two documents: the thread's buffer and writer are reused rather than grown and dropped.
        // Nothing below calls Write again on this thread (other components' values go to Newtonsoft), which would
        // reset the writer under the outer call.
        var document = t_writer ??= new DocumentWriter();
        var writer = document.Start();
        writer.WriteStartObject();
        foreach (var (name, value) in items)
        {
            if (name == ETagProperty) continue;
            writer.WritePropertyName(name);
            switch (value)
            {
                case ConversationData conversation:
                    JsonSerializer.Serialize(writer, conversation, Context.ConversationData);
                    break;
                case UserProfile profile:
                    JsonSerializer.Serialize(writer, profile, Context.UserProfile);
                    break;
                case null:
                    writer.WriteNullValue();
                    break;
                case JToken token:
                    writer.WriteRawValue(token.ToString(Newtonsoft.Json.Formatting.None), skipInputValidation: true);
                    break;
                default:
                    // What the bot does not keep itself (another component's state): Newtonsoft, as BotState would.
                    using (var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture))
                    {
                        Fallback.Serialize(text, value);
                        writer.WriteRawValue(text.ToString(), skipInputValidation: true);
                    }
                    break;
            }
        }
        writer.WriteEndObject();
        return document.Finish();
    }

    [ThreadStatic] private static DocumentWriter? t_writer;

    /// <summary>A thread's JSON writer over its own buffer. Nothing written outlives <see cref="Finish"/>, which copies
    /// the text out; a buffer grown by an unusually large document is dropped instead of being kept by the thread.</summary>
    private sealed class DocumentWriter
    {
        private const int KeptCapacity = 16 * 1024;
        private ArrayBufferWriter<byte> _buffer = new(1024);
        private Utf8JsonWriter? _json;

        public Utf8JsonWriter Start()
        {
            _buffer.ResetWrittenCount();
            if (_json is null) _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = Context.Options.Encoder, SkipValidation = true });
            else _json.Reset(_buffer);
            return _json;
        }

        public string Finish()
        {
            _json!.Flush();
            var text = Encoding.UTF8.GetString(_buffer.WrittenSpan);
            if (_buffer.Capacity > KeptCapacity)
            {
                _buffer = new ArrayBufferWriter<byte>(1024);
                _json.Reset(_buffer);
            }
            return text;
        }
    }

    private static JsonTypeInfo<T> TypeInfo<T>() where T : class =>
        Context.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a state document value.");
}

[JsonSerializable(typeof(ConversationData))]
[JsonSerializable(typeof(UserProfile))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
