using System.Runtime.CompilerServices;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// The JSON-quoted UTF-8 of the long texts replies carry again and again, by string instance: only a reply's text and
/// its buttons' and card's texts are offered (ExpectedRepliesJsonWriter.ReplyText), never ids or other per-request
/// values, which would only churn the table and keep them in memory. An answer's text and its related questions are
/// the catalog's own strings (AnswerBodies makes each body once), so the same instance
/// comes back in every reply that gives that answer, and quoting it again (escaping and transcoding a kilobyte or two of
/// Vietnamese) was the largest part of writing a reply. Keyed by reference, not by content: a lookup is a header read
/// and a pointer compare, never a hash of the text, and a string that merely has the same content is just a miss.
/// A fixed table of slots, the newer string taking a shared slot, so memory stays bounded (at most
/// <see cref="Slots"/> strings and their bytes) with no eviction bookkeeping; entries are immutable and published
/// whole, so readers on any thread see either an old entry or a new one.
/// </summary>
internal static class QuotedStrings
{
    /// <summary>Shorter strings (ids, names, short titles) are quoted directly: cheaper than a lookup and a copy.</summary>
    public const int MinLength = 48;

    private const int Slots = 4096; // a power of two: the slot is a mask, not a division

    private static readonly Entry?[] Table = new Entry?[Slots];

    public static byte[]? Get(string value) =>
        Volatile.Read(ref Table[Slot(value)]) is { } entry && ReferenceEquals(entry.Text, value) ? entry.Quoted : null;

    public static byte[] Add(string value, byte[] quoted)
    {
        Volatile.Write(ref Table[Slot(value)], new Entry(value, quoted));
        return quoted;
    }

    private static int Slot(string value) => RuntimeHelpers.GetHashCode(value) & (Slots - 1);

    private sealed record Entry(string Text, byte[] Quoted);
}
