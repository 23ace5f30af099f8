namespace ActionMonth.Bot.Telegram.Storage;

/// <summary>What a button does: a bot action (the Bot Framework CardAction as JSON) or an operator action on a case.</summary>
public enum ButtonKind { BotAction, OperatorAction }

/// <summary>A button's action, kept server-side because Telegram's callback_data holds at most 64 bytes.</summary>
public sealed record StoredButton(string Id, long ChatId, ButtonKind Kind, string Payload);

/// <summary>Inline button actions by short id, with an expiry.</summary>
public interface IButtonStore
{
    /// <summary>Stores the actions and returns their ids, in order.</summary>
    Task<IReadOnlyList<string>> SaveAsync(long chatId, ButtonKind kind, IReadOnlyList<string> payloads, CancellationToken cancellationToken);

    /// <summary>The button, or null when it is unknown or has expired.</summary>
    Task<StoredButton?> FindAsync(string id, CancellationToken cancellationToken);
}
