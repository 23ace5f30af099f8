using ActionMonth.Bot.Conversation.Understanding;

namespace ActionMonth.Bot.Tests.Units;

public sealed class DisclosureTalkTests
{
    [Theory]
    [InlineData("tôi nên đợi đến mai báo hiệu trưởng được không")]
    [InlineData("tôi không có điện thoại")]
    [InlineData("nếu tôi báo thì chồng tôi có bị đi tù không")]
    [InlineData("giờ tôi phải làm gì")] // short
    [InlineData("tôi sợ nó trả thù con tôi sau này")]
    [InlineData("thật ra tôi chỉ nói đùa thôi mà")]
    [InlineData("có cần đưa cháu đi khám để giữ bằng chứng không")]
    [InlineData("should I wait until tomorrow to do anything")]
    [InlineData("will he go to jail if I tell someone")]
    [InlineData("con tôi bị đánh nữa thì tôi báo ở đâu")] // names harm
    public void A_message_about_the_disclosure_is_recognised(string text) => Assert.True(DisclosureTalk.IsAbout(text));

    [Theory]
    [InlineData("thủ tục làm giấy khai sinh cho con")]
    [InlineData("học phí năm nay có được miễn không")]
    [InlineData("con tôi hay nói dối thì làm sao")] // folded "dối" is "doi", not waiting
    [InlineData("trường có được thu quỹ lớp không")]
    [InlineData("what is the action month for children")]
    public void A_new_topic_is_not(string text) => Assert.False(DisclosureTalk.IsAbout(text));
}
