using System.Net;
using ActionMonth.Bot.Hardening;
using ActionMonth.Bot.Hardening.RateLimiting;
using ActionMonth.Bot.Observability;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Hosting;

/// <summary>
/// Registers hardening (issue 8): Kestrel's body limit, trusted proxies, HSTS, the rate limiters and the start-up report
/// on secrets; <see cref="UseHardening"/> puts them first in the pipeline, in this order: forwarded client address,
/// security headers (so every answer below carries them), HSTS, body limits, the route limits (ASP.NET Core's rate
/// limiter), then the disclosure-aware limit on the message routes.
/// </summary>
public static class HardeningHostingExtensions
{
    public static IServiceCollection AddHardening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HardeningOptions>().Bind(configuration.GetSection(HardeningOptions.Section));
        var settings = configuration.GetSection(HardeningOptions.Section).Get<HardeningOptions>() ?? new HardeningOptions();

        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
        });
        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwarding(options, settings.ForwardedHeaders));
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(Math.Max(1, settings.Hsts.MaxAgeDays));
            options.IncludeSubDomains = settings.Hsts.IncludeSubDomains;
        });

        services.AddSingleton<ClientRateLimitPartitioner>();
        services.AddSingleton<ClientRateLimiters>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ClientRateLimiters, BotMetrics, ILoggerFactory>((options, limiters, metrics, loggers) =>
        {
            options.GlobalLimiter = limiters.Routes;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var logger = loggers.CreateLogger(typeof(RateLimitRejection));
            options.OnRejected = (context, cancellationToken) => new ValueTask(RateLimitRejection.WriteAsync(context.HttpContext, context.Lease,
                context.HttpContext.Items[RateLimitPolicy.ItemKey] as string ?? "unknown", metrics, logger, cancellationToken));
        });
        services.AddHostedService<SecretsReport>();
        return services;
    }

    public static WebApplication UseHardening(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<HardeningOptions>>().Value;
        if (settings.ForwardedHeaders.Enabled) app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseHsts();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<DisclosureAwareRateLimitMiddleware>();
        return app;
    }

    private static void ConfigureForwarding(ForwardedHeadersOptions options, ForwardedHeadersSettings settings)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
        // Only the configured proxies are believed (not the loopback defaults alone).
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in settings.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}
