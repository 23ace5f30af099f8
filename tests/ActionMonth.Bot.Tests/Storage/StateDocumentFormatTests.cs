using ActionMonth.Bot.Conversation.State;
using ActionMonth.Knowledge.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Tests.Storage;

/// <summary>The state document text is read and written with System.Text.Json; documents must stay what Bot.Builder's
/// Newtonsoft reading and writing produce and accept, in both directions, including the rows written before.</summary>
public sealed class StateDocumentFormatTests
{
    private static ConversationData FullConversation() => new()
    {
        Welcomed = true,
        LastArticle = new ArticleReference("56/2017/NĐ-CP", 25, 1),
        LastAnswer = new AnswerRecord("a1b2c3d4e5f6", "faq", "bao-cao-xam-hai", "102/2016/QH13", 51, null, "high"),
        LastArticleExplained = true,
    };

    [Fact]
    public void A_document_Newtonsoft_wrote_is_read_into_the_same_values()
    {
        // What BotState (and this bot before System.Text.Json) stored: Newtonsoft, its default contract.
        var newtonsoft = JsonConvert.SerializeObject(new Dictionary<string, object>
        {
            ["conversation"] = FullConversation(),
            ["dialogs"] = new JObject { ["stack"] = new JArray(1, "hai") },
        });
        var (conversation, others) = StateDocumentFormat.Read<ConversationData>(newtonsoft, "conversation");

        Assert.Equal(JsonConvert.SerializeObject(FullConversation()), JsonConvert.SerializeObject(conversation));
        var dialogs = Assert.Single(others!);
        Assert.Equal("dialogs", dialogs.Name);
        Assert.True(JToken.DeepEquals(new JObject { ["stack"] = new JArray(1, "hai") }, dialogs.Value));

        var profileText = JsonConvert.SerializeObject(new { profile = new UserProfile { Role = Audience.Teacher, Language = "en" } });
        var (profile, none) = StateDocumentFormat.Read<UserProfile>(profileText, "profile");
        Assert.Equal(Audience.Teacher, profile!.Role);
        Assert.Equal("en", profile.Language);
        Assert.Null(none);
    }

    [Fact]
    public void What_it_writes_Newtonsoft_reads_as_the_same_document_and_it_reads_back_what_it_wrote()
    {
        var items = new Dictionary<string, object>
        {
            ["conversation"] = FullConversation(),
            ["dialogs"] = new JObject { ["n"] = 3 },
            ["eTag"] = "left-out",
        };
        var written = StateDocumentFormat.Write(items);

        // Newtonsoft (Bot.Builder's reading) sees the same document as it would have written, without the eTag.
        var expected = JObject.FromObject(new Dictionary<string, object> { ["conversation"] = FullConversation(), ["dialogs"] = new JObject { ["n"] = 3 } });
        Assert.True(JToken.DeepEquals(expected, JObject.Parse(written)), written);
        Assert.Contains("56/2017/NĐ-CP", written, StringComparison.Ordinal);

        var (conversation, others) = StateDocumentFormat.Read<ConversationData>(written, "conversation");
        Assert.Equal(written, StateDocumentFormat.Write(new Dictionary<string, object> { ["conversation"] = conversation!, ["dialogs"] = others![0].Value }));
    }

    [Fact]
    public void Unset_values_are_written_as_nulls_the_role_by_name_and_an_unknown_value_by_Newtonsoft()
    {
        var written = StateDocumentFormat.Write(new Dictionary<string, object>
        {
            ["conversation"] = new ConversationData(),
            ["profile"] = new UserProfile { Role = Audience.Child },
            ["other"] = new Uri("https://example.org/a"),
        });
        var document = JObject.Parse(written);
        Assert.Equal(JTokenType.Null, document["conversation"]!["LastArticle"]!.Type);
        Assert.Equal("Child", document["profile"]!["Role"]!.Value<string>());
        Assert.Equal("https://example.org/a", document["other"]!.Value<string>());
        Assert.Null(StateDocumentFormat.Read<UserProfile>("""{"profile":{"Role":null,"Language":"vi"}}""", "profile").Value!.Role);
    }

    [Fact]
    public void A_document_that_is_not_an_object_or_is_cut_short_is_refused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => StateDocumentFormat.Read<ConversationData>("[1]", "conversation"));
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => StateDocumentFormat.Read<ConversationData>("""{"conversation":""", "conversation"));
    }
}
