using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActionMonth.Bot.Benchmarks;

/// <summary>The Lua script wrk runs (wrk/expect-replies.lua, embedded) with this run's constants in front of it:
/// the run id, the message count, the threads and connections, and the questions as JSON string literals.</summary>
public static class WrkScript
{
    // Only quotes, backslashes and control characters are escaped: the Vietnamese text goes as UTF-8, as Web Chat
    // sends it (the default encoder would write every letter with a diacritic as \uXXXX).
    private static readonly JsonSerializerOptions JsonText = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Build(string run, int messages, int threads, int connectionsPerThread, IReadOnlyList<string> texts, string path)
    {
        var lua = new StringBuilder();
        lua.Append("RUN = ").Append(LuaString(run)).Append('\n');
        lua.Append("MESSAGES = ").Append(messages.ToString(CultureInfo.InvariantCulture)).Append('\n');
        lua.Append("THREADS = ").Append(threads.ToString(CultureInfo.InvariantCulture)).Append('\n');
        lua.Append("CONNECTIONS_PER_THREAD = ").Append(connectionsPerThread.ToString(CultureInfo.InvariantCulture)).Append('\n');
        lua.Append("TARGET_PATH = ").Append(LuaString(path)).Append('\n');
        lua.Append("TEXTS = {\n");
        foreach (var text in texts) lua.Append("  ").Append(LuaString(JsonSerializer.Serialize(text, JsonText))).Append(",\n");
        lua.Append("}\n");
        lua.Append(Template.Value);
        return lua.ToString();
    }

    /// <summary>A Lua string literal holding <paramref name="value"/>'s UTF-8 bytes unchanged.</summary>
    public static string LuaString(string value)
    {
        var literal = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') literal.Append('\\').Append(c);
            else if (c < ' ' || c == '\x7f') literal.Append('\\').Append(((int)c).ToString("D3", CultureInfo.InvariantCulture));
            else literal.Append(c);
        }
        return literal.Append('"').ToString();
    }

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(WrkScript).Assembly.GetManifestResourceStream("ActionMonth.Bot.Benchmarks.wrk.expect-replies.lua")
            ?? throw new InvalidOperationException("the embedded wrk script is missing");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });
}
