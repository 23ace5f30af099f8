using ActionMonth.Bot.Conversation.Understanding;

namespace ActionMonth.Bot.Tests.Units;

public sealed class ReportingQuestionTests
{
    [Theory]
    [InlineData("Báo tin trẻ em bị xâm hại ở đâu?")]
    [InlineData("bao tin tre bi xam hai o dau")]
    [InlineData("cách báo tin xâm hại trẻ em")]
    [InlineData("tôi muốn báo tin một vụ xâm hại trẻ em thì làm thế nào")]
    [InlineData("lam sao de to giac hanh vi xam hai tre em")]
    [InlineData("tố giác hành vi bạo lực trẻ em ở đâu")]
    [InlineData("phát hiện trẻ bị bạo hành thì báo cho ai")]
    [InlineData("nghi ngờ học sinh bị xâm hại tình dục, giáo viên phải báo ai")]
    [InlineData("báo bạo hành trẻ em ở đâu")]
    [InlineData("báo vụ xâm hại trẻ cho cơ quan nào")]
    [InlineData("bị bắt nạt thì báo ai")]
    [InlineData("How do I report child abuse in Vietnam?")]
    [InlineData("where can I report a child being abused")]
    [InlineData("my students are fighting, one was badly hurt, who do I report to?")]
    [InlineData("Sau khi phát hiện con bị xâm hại, tôi nên tố giác ở đâu?")]
    [InlineData("Trẻ bị cha mẹ đánh thì báo ai?")]
    [InlineData("who should a teacher report abuse to?")]
    [InlineData("Thấy trẻ bị bạo hành thì liên hệ ở đâu?")]
    [InlineData("muốn báo cáo vụ bạo hành trẻ em ở đâu")]
    public void Where_whom_and_how_to_report_harm_are_recognised(string question) => Assert.True(ReportingQuestion.Asks(question));

    [Theory]
    // About reporting, but asking something else: keeps its own answer.
    [InlineData("báo tin xâm hại trẻ em có bị lộ danh tính không")]
    [InlineData("người dân có phải báo tin khi thấy trẻ bị bạo lực không")]
    [InlineData("ai có trách nhiệm thông báo khi biết trẻ em bị xâm hại")]
    [InlineData("thời hạn xử lý tin báo xâm hại trẻ em")]
    [InlineData("sau khi bao tin xam hai tre em thi quy trinh the nao")]
    [InlineData("sau khi báo tin xâm hại thì làm thế nào tiếp")]
    // "bảo" folds to "bao": protection is not reporting.
    [InlineData("trẻ em bị bạo hành được bảo vệ ở đâu")]
    [InlineData("bảo hiểm y tế cho trẻ bị bạo lực ở đâu")]
    // Administrative reports, even about harm.
    [InlineData("báo cáo kết quả Tháng hành động vì trẻ em gửi cho ai")]
    [InlineData("Báo cáo kết quả phòng, chống xâm hại trẻ em gửi cho ai?")]
    // Being reported or told, not reporting.
    [InlineData("Tôi bị tố cáo bạo hành con thì làm sao?")]
    [InlineData("Nhà trường thông báo con bị bắt nạt thì làm thế nào?")]
    // "cách" far before the verb is "ago".
    [InlineData("Cách đây một năm con bị xâm hại, giờ tố cáo còn được không?")]
    [InlineData("how do I report the results of the Action Month")]
    // Harm without reporting, and nothing at all.
    [InlineData("xâm hại tình dục trẻ em gồm những hành vi nào")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_questions_are_not(string? question) => Assert.False(ReportingQuestion.Asks(question));
}
