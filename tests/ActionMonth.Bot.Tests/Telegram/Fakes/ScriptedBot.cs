using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ActionMonth.Bot.Tests.Telegram.Fakes;

/// <summary>A bot that sends exactly what a test needs to see go through the Telegram adapter: text with HTML
/// characters, a very long text, a card with call and link actions, typing, and an updated message.</summary>
public sealed class ScriptedBot : IBot
{
    public const string Special = "a < b && c > d <script>alert(1)</script> \"q\" 'x' &amp; <b>not bold</b>";

    public static readonly string Long = string.Join(" ", Enumerable.Range(1, 260).Select(i =>
        $"Câu số {i} nói rằng trẻ em có quyền được bảo vệ và được lắng nghe ở nhà, ở trường và ngoài xã hội."));

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (turnContext.Activity.Type != ActivityTypes.Message) return;
        switch (turnContext.Activity.Text)
        {
            case "escape":
                await turnContext.SendActivityAsync(MessageFactory.Text(Special), cancellationToken);
                break;
            case "long":
                var reply = MessageFactory.Text(Long);
                reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction(ActionTypes.ImBack, "Tiếp", value: "tiếp")] };
                await turnContext.SendActivityAsync(reply, cancellationToken);
                break;
            case "call":
                var card = new HeroCard
                {
                    Title = "<Gọi ngay>",
                    Subtitle = "Miễn phí, 24/7",
                    Buttons =
                    [
                        new CardAction(ActionTypes.Call, "Gọi 111", value: "tel:111"),
                        new CardAction(ActionTypes.OpenUrl, "Cảnh sát", value: "tel:113"),
                        new CardAction(ActionTypes.OpenUrl, "Trang web", value: "https://example.org/tre-em"),
                        new CardAction(ActionTypes.ImBack, "Hỏi tiếp", value: "hỏi tiếp"),
                    ],
                };
                await turnContext.SendActivityAsync(MessageFactory.Attachment(card.ToAttachment(), "Bạn có thể gọi:"), cancellationToken);
                break;
            case "typing":
                await turnContext.SendActivitiesAsync([new Activity(ActivityTypes.Typing), new Activity(ActivityTypes.Delay) { Value = 50 },
                    MessageFactory.Text("xong")], cancellationToken);
                break;
            case "update":
                var first = await turnContext.SendActivityAsync(MessageFactory.Text("bản nháp"), cancellationToken);
                var changed = MessageFactory.Text("bản cuối");
                changed.Id = first.Id;
                await turnContext.UpdateActivityAsync(changed, cancellationToken);
                break;
            default:
                await turnContext.SendActivityAsync(MessageFactory.Text("?"), cancellationToken);
                break;
        }
    }
}
