using System.Globalization;
using ActionMonth.Bot.Telegram.Options;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ActionMonth.Bot.Telegram.Client;

/// <summary>
/// Who the bot is on Telegram: its id (the token's numeric prefix, known without a call) and its username (from
/// getMe, fetched once and cached; a failed call is retried by the next caller). The username is what group
/// messages mention ("@ActionMonthBot", "/help@ActionMonthBot").
/// </summary>
public sealed class TelegramBotIdentity(ITelegramBotClient client, IOptions<TelegramOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _username;

    public long BotId { get; } = long.Parse(options.Value.Token.Split(':')[0], CultureInfo.InvariantCulture);

    /// <summary>The username without "@", or null until getMe has answered.</summary>
    public string? Username => _username;

    public async Task<string> GetUsernameAsync(CancellationToken cancellationToken)
    {
        if (_username is { } known) return known;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_username is null)
            {
                var me = await client.GetMe(cancellationToken).ConfigureAwait(false);
                _username = me.Username ?? string.Empty;
            }
            return _username;
        }
        finally
        {
            _gate.Release();
        }
    }
}
