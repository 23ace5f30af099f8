using System.Collections.Concurrent;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>Whether a Telegram user is a member of the operators' chat right now (getChatMember), remembered for a
/// minute. Fails closed: if Telegram cannot tell us, the action is refused and the operator can press again.</summary>
public sealed class OperatorMembership(ITelegramBotClient client, TimeProvider clock, ILogger<OperatorMembership> logger)
{
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(long Chat, long User), DateTimeOffset> _members = new();

    public async Task<bool> IsMemberAsync(long chatId, long userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_members.TryGetValue((chatId, userId), out var until) && until > now) return true;
        ChatMember member;
        try
        {
            member = await client.GetChatMember(chatId, userId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Operators' chat membership of user {UserId} could not be checked: {Failure}", userId,
                Client.TelegramFailures.Describe(ex));
            return false;
        }
        var isMember = member.Status switch
        {
            ChatMemberStatus.Creator or ChatMemberStatus.Administrator or ChatMemberStatus.Member => true,
            ChatMemberStatus.Restricted => member is ChatMemberRestricted { IsMember: true },
            _ => false,
        };
        if (isMember) _members[(chatId, userId)] = now + Remember;
        else _members.TryRemove((chatId, userId), out _);
        return isMember;
    }
}
