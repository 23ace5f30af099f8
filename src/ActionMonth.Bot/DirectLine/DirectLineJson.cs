using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.DirectLine;

/// <summary>Reads activity JSON without reinterpreting it: date-like strings stay strings (localTimestamp keeps its
/// offset), and nesting is bounded.</summary>
public static class DirectLineJson
{
    public static JObject? ParseObject(string json)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 64 };
            var token = JToken.ReadFrom(reader);
            if (reader.Read()) return null; // trailing content
            return token as JObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Serialize(JToken token) => token.ToString(Formatting.None);
}
