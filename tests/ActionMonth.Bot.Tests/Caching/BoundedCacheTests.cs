using ActionMonth.Bot.Caching;

namespace ActionMonth.Bot.Tests.Caching;

public sealed class BoundedCacheTests
{
    [Fact]
    public void Holds_up_to_its_capacity_and_a_new_key_finding_it_full_starts_it_again()
    {
        var cache = new BoundedCache<string, int>(3, StringComparer.Ordinal);
        foreach (var (key, value) in new[] { ("a", 1), ("b", 2), ("c", 3) }) cache.Set(key, value);
        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet("b", out var b));
        Assert.Equal(2, b);

        cache.Set("d", 4);

        Assert.Equal(1, cache.Count);
        Assert.Equal(1, cache.Held);
        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("d", out var d));
        Assert.Equal(4, d);
    }

    [Fact]
    public void Replacing_a_key_when_full_keeps_the_others_and_the_count()
    {
        var cache = new BoundedCache<string, int>(3, StringComparer.Ordinal);
        foreach (var key in new[] { "a", "b", "c" }) cache.Set(key, 0);

        cache.Set("b", 20);

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out var b));
        Assert.Equal(20, b);
    }

    [Fact]
    public void Removing_frees_a_place_and_removing_an_absent_key_changes_nothing()
    {
        var cache = new BoundedCache<string, int>(3, StringComparer.Ordinal);
        foreach (var key in new[] { "a", "b", "c" }) cache.Set(key, 0);

        cache.Remove("a");
        cache.Remove("not there");
        Assert.Equal(2, cache.Count);
        cache.Set("d", 0);

        Assert.Equal(3, cache.Count);
        Assert.True(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("d", out _));
        Assert.False(cache.TryGet("a", out _));
    }

    [Fact]
    public void A_key_is_compared_with_the_given_comparer()
    {
        var cache = new BoundedCache<string, int>(10, StringComparer.Ordinal);
        cache.Set("Trẻ em", 1);
        Assert.False(cache.TryGet("trẻ em", out _));
        Assert.False(cache.TryGet("Tre em", out _));
        Assert.True(cache.TryGet("Trẻ em", out _));
    }

    [Fact]
    public void With_capacity_zero_nothing_is_kept()
    {
        var cache = new BoundedCache<string, int>(0);
        Assert.False(cache.Enabled);
        cache.Set("a", 1);
        Assert.False(cache.TryGet("a", out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Under_concurrent_inserts_it_stays_bounded_and_its_count_follows_what_it_holds()
    {
        const int capacity = 500;
        var cache = new BoundedCache<int, int>(capacity);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
        {
            for (var i = 0; i < 20_000; i++) cache.Set(worker * 1_000_000 + i, i);
        });

        // Each of the 8 workers can have one insert in flight past the fullness check or across a clear, so the count
        // may drift from what is held by at most that many, and the next clear starts both again.
        Assert.InRange(cache.Count, 0, capacity + 8);
        Assert.InRange(cache.Held, 1, capacity + 16);
        Assert.InRange(cache.Held - cache.Count, -8, 8);
    }
}
