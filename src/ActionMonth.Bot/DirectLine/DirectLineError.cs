namespace ActionMonth.Bot.DirectLine;

/// <summary>Direct Line's error body, <c>{"error":{"code","message"}}</c>, with the codes of the REST reference.</summary>
public static class DirectLineError
{
    public const string BadArgument = "BadArgument";
    public const string TokenExpired = "TokenExpired";
    public const string TokenInvalid = "TokenInvalid";
    public const string NotFound = "NotFound";
    public const string TooLarge = "MessageSizeTooBig";
    public const string BotError = "BotError";

    public static IResult Result(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    public static IResult Forbidden(string code, string message) => Result(StatusCodes.Status403Forbidden, code, message);
}
