using ActionMonth.Bot.Storage;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.DirectLine;

/// <summary>Deletes Direct Line transcripts idle for longer than DirectLine:TranscriptRetentionHours, hourly. The page
/// tells users how long the server keeps them, from the same setting.</summary>
public sealed class DirectLineRetentionService(
    IDirectLineStore store,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    ILogger<DirectLineRetentionService> logger) : HourlyPurgeService(time, logger)
{
    protected override string What => "idle Direct Line conversations";

    protected override Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        store.PurgeIdleAsync(now - TimeSpan.FromHours(Math.Max(1, options.Value.TranscriptRetentionHours)), cancellationToken);
}
