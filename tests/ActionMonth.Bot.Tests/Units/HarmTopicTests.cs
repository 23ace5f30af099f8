using ActionMonth.Bot.Conversation.Understanding;

namespace ActionMonth.Bot.Tests.Units;

public sealed class HarmTopicTests
{
    [Theory]
    [InlineData("báo bạo hành trẻ em ở đâu")]
    [InlineData("bao bao hanh tre em o dau")]
    [InlineData("tôi muốn báo cáo một vụ XÂM HẠI ở xóm")]
    [InlineData("làm sao tố giác người bóc lột trẻ em?")]
    [InlineData("how do I report child abuse in Vietnam")]
    [InlineData("my son is being bullied")]
    [InlineData("con tôi 15 tuổi bị công ty bắt làm ca đêm có đúng luật không")]
    [InlineData("bố mẹ ép cưới khi em mới 16 tuổi")]
    [InlineData("em bi ban sang trung quoc thi lam sao")]
    public void A_question_about_harm_or_reporting_it_is_recognised(string question) =>
        Assert.True(HarmTopic.Mentions(question));

    [Theory]
    [InlineData("danh sách trẻ em được hỗ trợ")]
    [InlineData("đánh giá kết quả tháng hành động")]
    [InlineData("tháng hành động vì trẻ em là gì")]
    [InlineData("xyz qwe asdf")]
    [InlineData("reporter")] // a whole word, not a part of one
    [InlineData("từ từ giải thích giúp tôi")] // folded "tu tu" is also "tự tử": not listed
    [InlineData("hom nay e bi ban lay mat but")] // "bị bạn" (by a classmate), not "bị bán" (sold)
    [InlineData("")]
    [InlineData(null)]
    public void Other_questions_are_not(string? question) => Assert.False(HarmTopic.Mentions(question));
}
