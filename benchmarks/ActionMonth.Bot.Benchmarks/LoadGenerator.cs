using System.Diagnostics;
using System.Net;
using System.Text;

namespace ActionMonth.Bot.Benchmarks;

public sealed record LoadResult(string Name, int Messages, int Errors, double Seconds, double P50, double P99, double Max)
{
    public double MessagesPerSecond => Messages / Seconds;

    public string Describe(string name) =>
        $"{name}: {Messages} messages in {Seconds:F2} s = {MessagesPerSecond:F0} msg/s; p50 {P50:F2} ms, p99 {P99:F2} ms, max {Max:F2} ms; {Errors} errors";
}

/// <summary>The in-process load (--client dotnet; it shares the server's process, thread pool and GC): C workers,
/// each one virtual user in its own conversation on its own connection, sending messages back
/// to back until N have been sent; every response is read in full (the replies of expectReplies).</summary>
public static class LoadGenerator
{
    /// <summary>Questions people ask (parents, teachers, children; with and without diacritics), a follow-up and
    /// small talk, so the run goes through search, composition and state like real traffic.</summary>
    public static readonly string[] Questions =
    [
        "giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?",
        "trẻ em có những quyền gì?",
        "em bị bạn bắt nạt thì làm sao?",
        "em bi ban bat nat thi lam sao",
        "còn khoản 2 thì sao?",
        "tổng đài 111 có mất phí không",
        "Tháng hành động vì trẻ em là gì?",
        "con tôi nghiện game thì sao",
        "điều 6 luật trẻ em",
        "nhà trường phải làm gì để phòng chống xâm hại trẻ em?",
        "cảm ơn",
        "tiền trợ cấp cho trẻ mồ côi là bao nhiêu",
    ];



    public static async Task<LoadResult> RunAsync(Uri baseAddress, int messages, int connections, string[] texts, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var latencies = new double[messages];
        var next = -1;
        var errors = 0;
        var run = Guid.NewGuid().ToString("N")[..8];
        var stride = Math.Max(1, texts.Length / connections);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var sequence = 0;
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                // Workers start spread over the whole list, so a run sends every phrasing, follow-up and small-talk line.
                var text = texts[(worker * stride + sequence) % texts.Length];
                var body = Activity(run, worker, sequence++, text);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync("/api/messages", content, cancellationToken);
                    var reply = await response.Content.ReadAsStringAsync(cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK || !reply.Contains("\"activities\"", StringComparison.Ordinal))
                        Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var seconds = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new LoadResult("", messages, errors, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Activity(string run, int worker, int sequence, string text) =>
        $$"""
        {"type":"message","id":"{{run}}-{{worker}}-{{sequence}}","channelId":"webchat","serviceUrl":"http://localhost:9/never",
         "from":{"id":"user-{{run}}-{{worker}}"},"recipient":{"id":"bot"},"conversation":{"id":"conv-{{run}}-{{worker}}"},
         "deliveryMode":"expectReplies","locale":"vi-VN","text":{{System.Text.Json.JsonSerializer.Serialize(text)}}}
        """;
}

public static class RepositoryRoot
{
    public static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ActionMonth.Bot.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ActionMonth.Bot.sln not found above " + AppContext.BaseDirectory);
    }
}
