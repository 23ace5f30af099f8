using ActionMonth.Bot.Escalation.Handoff;

namespace ActionMonth.Bot.Tests.Escalation;

public sealed class CounsellorDeclineRecognizerTests
{
    [Theory]
    [InlineData("thôi, không cần tư vấn viên")]
    [InlineData("không cần tư vấn viên nữa")]
    [InlineData("Em không muốn nói chuyện với tư vấn viên")]
    [InlineData("toi khong can tu van vien a")]
    [InlineData("k can tu van dau")]
    [InlineData("I don't need a counsellor")]
    [InlineData("no thanks, I do not want a counselor")]
    public void A_short_message_declining_a_counsellor_is_a_decline(string text) =>
        Assert.True(CounsellorDeclineRecognizer.IsDecline(text));

    [Theory]
    [InlineData("em không muốn tư vấn viên nói với bố mẹ")]
    [InlineData("tư vấn viên có cần biết tên em không")]
    [InlineData("không cần")]
    [InlineData("Kết nối với tư vấn viên")]
    [InlineData("em không cần tư vấn viên, nhưng chú ấy vẫn đang ở ngoài cửa và em rất sợ, em phải làm gì bây giờ")]
    [InlineData("")]
    public void Anything_else_is_not(string text) =>
        Assert.False(CounsellorDeclineRecognizer.IsDecline(text));
}
