using ActionMonth.Knowledge.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace ActionMonth.Bot.Conversation.State;

/// <summary>What the bot keeps about a user (UserState): the role they chose and their language. Nothing else:
/// no name, no number, no message text.</summary>
public sealed class UserProfile
{
    /// <summary>Parent, Teacher or Child once chosen; null until then.</summary>
    [JsonConverter(typeof(StringEnumConverter))]
    [System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Audience>))]
    public Audience? Role { get; set; }

    /// <summary>"vi" (default) or "en".</summary>
    public string Language { get; set; } = UiLanguages.Vietnamese;
}

public static class UiLanguages
{
    public const string Vietnamese = "vi";
    public const string English = "en";
}
