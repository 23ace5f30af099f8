using System.Security.Cryptography;
using ActionMonth.Bot.Storage;
using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>Button actions in telegram_buttons. Ids are 96 random bits in base64url (16 characters), so a callback
/// cannot be guessed and "b:" + id fits Telegram's 64-byte limit with room to spare.</summary>
public sealed class SqliteButtonStore(SqliteDatabase database, TimeProvider clock, IOptions<TelegramOptions> options) : IButtonStore
{
    public async Task<IReadOnlyList<string>> SaveAsync(long chatId, ButtonKind kind, IReadOnlyList<string> payloads,
        CancellationToken cancellationToken)
    {
        if (payloads.Count == 0) return [];
        var expires = clock.GetUtcNow().AddDays(Math.Max(1, options.Value.ButtonLifetimeDays)).ToUnixTimeMilliseconds();
        var ids = new List<string>(payloads.Count);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction();
        foreach (var payload in payloads)
        {
            var id = NewId();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO telegram_buttons (id, chat_id, kind, payload, expires_at) VALUES ($id, $chat, $kind, $payload, $expires)
                """;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$chat", chatId);
            command.Parameters.AddWithValue("$kind", kind.ToString());
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$expires", expires);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            ids.Add(id);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids;
    }

    public async Task<StoredButton?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT chat_id, kind, payload FROM telegram_buttons WHERE id = $id AND expires_at > $now";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", clock.GetUtcNow().ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        return Enum.TryParse<ButtonKind>(reader.GetString(1), out var kind)
            ? new StoredButton(id, reader.GetInt64(0), kind, reader.GetString(2))
            : null;
    }

    private static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', '-').Replace('/', '_');
}
