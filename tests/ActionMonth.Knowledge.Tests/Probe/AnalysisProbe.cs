using System.Text;
using System.Text.Json;
using ActionMonth.Knowledge.Analysis;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Probe;

/// <summary>
/// Entry point of the test assembly when it is started as a process (`dotnet ActionMonth.Knowledge.Tests.dll
/// analyze BASE64…`): prints the analysis of each text as one JSON line. The invariant-globalization tests start it with
/// DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 and compare with the same analysis done in the test process.
/// </summary>
public static class AnalysisProbe
{
    public static int Main(string[] args)
    {
        if (args.Length < 2 || args[0] != "analyze") return 2;
        Console.OutputEncoding = Encoding.UTF8;
        foreach (var arg in args.Skip(1)) Console.WriteLine(Describe(Encoding.UTF8.GetString(Convert.FromBase64String(arg))));
        return 0;
    }

    /// <summary>Everything the analysis does to <paramref name="text"/>, as one JSON string.</summary>
    public static string Describe(string text)
    {
        var forms = Enum.GetValues<FieldForm>().ToDictionary(
            f => f.ToString(),
            f => AnalyzedToken.Analyze(new VietnameseAnalyzer(f), "probe", text).Select(t => $"{t.Term}@{t.Position}[{t.Start},{t.End})").ToList());
        var result = new
        {
            invariant = IsInvariantMode(),
            normalized = VietnameseText.Normalize(text),
            folded = VietnameseText.Fold(text),
            rewritten = TeencodeRewriter.Default.Rewrite(text),
            diacritics = VietnameseText.HasDiacritics(text),
            forms,
        };
        return JsonSerializer.Serialize(result, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>True when the runtime runs without ICU: the invariant-mode check the probe's caller relies on.</summary>
    public static bool IsInvariantMode()
    {
        // In invariant mode string normalisation is a no-op: NFD input stays NFD.
        var nfd = "e\u0309";
        return nfd.Normalize(NormalizationForm.FormC) == nfd;
    }
}
