namespace ActionMonth.Bot.WebChat;

/// <summary>The WebChat section of the configuration: the chat page at GET /.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";
    public const string AzureDirectLineEndpoint = "https://directline.botframework.com/v3/directline";

    /// <summary>An Azure Bot Service Direct Line secret. Set: the page talks to Azure's Direct Line (the server
    /// exchanges the secret for a conversation token; the secret never reaches the browser) and the self-hosted
    /// /v3/directline routes are off. Empty (default): the self-hosted Direct Line.</summary>
    public string DirectLineSecret { get; set; } = string.Empty;

    /// <summary>Azure's Direct Line endpoint including /v3/directline (a regional one, e.g. europe.directline…, if needed).</summary>
    public string DirectLineEndpoint { get; set; } = AzureDirectLineEndpoint;

    /// <summary>Where "Thoát nhanh" goes: a neutral page on another site, so the address bar no longer names this service.</summary>
    public string QuickExitUrl { get; set; } = "https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt+h%C3%B4m+nay";

    /// <summary>How often the page polls for new activities, in ms (DirectLineJS ignores values under 200).</summary>
    public int PollingIntervalMs { get; set; } = 1000;

    /// <summary>Where the page's files are; empty: the wwwroot folder beside the application's binaries.</summary>
    public string WebRootPath { get; set; } = string.Empty;

    public bool UsesAzure => !string.IsNullOrWhiteSpace(DirectLineSecret);
}
