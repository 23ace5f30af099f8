using Microsoft.Bot.Builder;

namespace ActionMonth.Bot.Escalation.Channels;

/// <summary>An adapter that continues the conversations of one channel the Bot Framework CloudAdapter does not
/// serve (Telegram registers one: <c>services.AddSingleton(sp =&gt; new ProactiveChannelAdapter("telegram", …))</c>).
/// Conversations of every other channel are continued through the CloudAdapter and the reference's serviceUrl.</summary>
public sealed record ProactiveChannelAdapter(string ChannelId, BotAdapter Adapter);
