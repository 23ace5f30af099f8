namespace ActionMonth.Bot.Storage;

/// <summary>Where answer feedback goes for review.</summary>
public interface IFeedbackStore
{
    Task AddAsync(FeedbackRecord feedback, CancellationToken cancellationToken);

    /// <summary>The most recent feedback first (for review tools and tests).</summary>
    Task<IReadOnlyList<FeedbackRecord>> RecentAsync(int count, CancellationToken cancellationToken);
}
