using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActionMonth.Bot.Tests.Escalation;

/// <summary>One request a <see cref="LoopbackServer"/> received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1 that records every request and answers as the test says. It can be
/// stopped and started again on the same port, to play a target that is down for a while.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    private LoopbackServer(int port) => Port = port;

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>What to answer: status and JSON body. Default 200 with {"id": "..."} (what a Bot Framework
    /// connector answers).</summary>
    public Func<RecordedRequest, Task<(int Status, string Body)>> Responder { get; set; } =
        _ => Task.FromResult((200, $"{{\"id\":\"{Guid.NewGuid():N}\"}}"));

    /// <summary>A port that is free now (nothing listens on it until <see cref="StartAsync"/>).</summary>
    public static LoopbackServer OnFreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new LoopbackServer(port);
    }

    public static async Task<LoopbackServer> StartNewAsync()
    {
        var server = OnFreePort();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (_app is not null) return;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(BaseUrl);
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "/",
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body.ToArray(),
                DateTimeOffset.UtcNow);
            _requests.Enqueue(recorded);
            var (status, answer) = await Responder(recorded);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        var app = _app;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, TimeSpan? timeout = null, string? what = null)
    {
        var found = await Eventually.ValueAsync(() => _requests.FirstOrDefault(match), timeout ?? TimeSpan.FromSeconds(20), what ?? "a matching request");
        return found;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>Polls a condition until it holds or the time is up (real time: outbox and background services run for real).</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<T?> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.");
            await Task.Delay(50);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
