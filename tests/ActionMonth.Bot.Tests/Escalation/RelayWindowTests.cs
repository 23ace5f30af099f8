using ActionMonth.Bot.Escalation.Cases;

namespace ActionMonth.Bot.Tests.Escalation;

public sealed class RelayWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_flood_of_one_message_a_second_gets_max_relays_a_minute_and_the_rest_wait_together_for_the_next_window()
    {
        DateTimeOffset? start = null;
        var count = 0;
        var dues = new List<DateTimeOffset>();
        for (var second = 0; second < 180; second++)
        {
            var slot = RelayWindow.Next(start, count, T0.AddSeconds(second), max: 3);
            (start, count) = (slot.WindowStart, slot.Count);
            dues.Add(slot.Due);
            Assert.True(slot.Due >= T0.AddSeconds(second), "never due before it was written");
        }
        // Distinct due times are the notifications sent (a shared due time is one batch): at most 3 in any minute.
        var sends = dues.Distinct().ToList();
        foreach (var send in sends) Assert.True(sends.Count(s => s >= send && s < send + RelayWindow.Length) <= 3, $"window at {send:T}");
        Assert.Equal([T0, T0.AddSeconds(1), T0.AddSeconds(2), T0.AddSeconds(60)], sends.Take(4));
        Assert.All(dues.Skip(3).Take(57), d => Assert.Equal(T0.AddSeconds(60), d));
        Assert.True(sends.Count <= 9, $"{sends.Count} notifications for 180 messages over three minutes");
    }

    [Fact]
    public void A_quiet_case_relays_every_message_at_once_and_a_new_minute_starts_afresh()
    {
        var first = RelayWindow.Next(null, 0, T0, max: 2);
        Assert.Equal(T0, first.Due);
        var second = RelayWindow.Next(first.WindowStart, first.Count, T0.AddSeconds(10), max: 2);
        Assert.Equal(T0.AddSeconds(10), second.Due);
        var later = RelayWindow.Next(second.WindowStart, second.Count, T0.AddMinutes(5), max: 2);
        Assert.Equal((T0.AddMinutes(5), 1, T0.AddMinutes(5)), (later.WindowStart, later.Count, later.Due));
    }

    [Fact]
    public void Without_a_cap_nothing_is_held()
    {
        Assert.All(Enumerable.Range(0, 50), i => Assert.Equal(T0, RelayWindow.Next(T0, 1000, T0, max: 0).Due));
    }
}
