using ActionMonth.Bot.Conversation.Understanding;
using ActionMonth.Knowledge.Model;

namespace ActionMonth.Bot.Tests.Units;

public sealed class SpeakerCuesTests
{
    [Theory]
    [InlineData("em có quyền gì")]
    [InlineData("em bi ban bat nat thi lam sao")]
    [InlineData("bố mẹ em không cho em đi học thêm có đúng không")]
    [InlineData("lớp em có bạn hay trêu em")]
    public void A_child_speaking_of_themself_is_a_child(string question) =>
        Assert.Equal(Audience.Child, SpeakerCues.Guess(question));

    [Theory]
    [InlineData("trẻ em có bổn phận gì", Audience.Parent)]
    [InlineData("con em bị bạn bắt nạt ở trường", Audience.Parent)] // "em" of a parent, about "con em"
    [InlineData("em muốn hỏi về chồng em hay đánh con", Audience.Parent)]
    [InlineData("trẻ em có quyền vui chơi không", Audience.Parent)]
    [InlineData("học sinh lớp tôi bị bắt nạt thì nhà trường làm gì", Audience.Teacher)]
    [InlineData("em bé mấy tháng thì phải đi khai sinh", Audience.Parent)]
    [InlineData("anh em trong nhà đánh nhau, bố mẹ phải làm sao với con", Audience.Parent)]
    public void An_adult_names_the_child_they_ask_about(string question, Audience expected) =>
        Assert.Equal(expected, SpeakerCues.Guess(question));

    [Theory]
    [InlineData("bị bạn bắt nạt ở trường phải làm sao")]
    [InlineData("học sinh đi làm thêm có bị cấm không")] // a pupil may ask this of themself
    [InlineData("giáo viên phát hiện học sinh bị bạo hành thì phải báo cho ai?")] // a pupil may ask it too
    [InlineData("bé lỡ gửi ảnh cho người quen, giờ bị đòi tiền, em phải làm sao")] // "em" and "bé": unsure
    [InlineData("quyền được vui chơi là gì")]
    [InlineData("")]
    public void A_question_that_names_nobody_says_nothing(string question) => Assert.Null(SpeakerCues.Guess(question));
}
