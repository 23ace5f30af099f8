using System.Security.Cryptography;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>Button actions in telegram_buttons on PostgreSQL, so a button sent by one instance works when the press
/// reaches another. Ids as in <see cref="SqliteButtonStore"/>: 96 random bits in base64url.</summary>
public sealed class PostgresButtonStore(PostgresDatabase database, TimeProvider clock, IOptions<TelegramOptions> options) : IButtonStore
{
    public async Task<IReadOnlyList<string>> SaveAsync(long chatId, ButtonKind kind, IReadOnlyList<string> payloads,
        CancellationToken cancellationToken)
    {
        if (payloads.Count == 0) return [];
        var expires = clock.GetUtcNow().AddDays(Math.Max(1, options.Value.ButtonLifetimeDays)).ToUnixTimeMilliseconds();
        var ids = payloads.Select(_ => NewId()).ToArray();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement for the whole keyboard: all its buttons are stored or none.
        await using var command = new NpgsqlCommand("""
            INSERT INTO telegram_buttons (id, chat_id, kind, payload, expires_at)
            SELECT id, @chat, @kind, payload, @expires FROM unnest(@ids, @payloads) AS b (id, payload)
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        command.Parameters.AddWithValue("payloads", payloads.ToArray());
        command.Parameters.AddWithValue("chat", chatId);
        command.Parameters.AddWithValue("kind", kind.ToString());
        command.Parameters.AddWithValue("expires", expires);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ids;
    }

    public async Task<StoredButton?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT chat_id, kind, payload FROM telegram_buttons WHERE id = @id AND expires_at > @now", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return Enum.TryParse<ButtonKind>(reader.GetString(1), out var kind)
            ? new StoredButton(id, reader.GetInt64(0), kind, reader.GetString(2))
            : null;
    }

    private static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
}
