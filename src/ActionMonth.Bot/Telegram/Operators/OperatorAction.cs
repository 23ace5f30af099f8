namespace ActionMonth.Bot.Telegram.Operators;

/// <summary>What an operator button does, stored server-side (IButtonStore, kind OperatorAction).</summary>
public sealed record OperatorAction(string Action, string CaseId)
{
    public const string Claim = "claim";
    public const string Close = "close";
}
