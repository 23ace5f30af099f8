using System.Text;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;
using Telegram.Bot.Extensions;

namespace ActionMonth.Bot.Telegram.Outbound;

/// <summary>
/// Turns a Bot Framework message into what Telegram can show. Text is plain in the bot and becomes HTML here with
/// every &lt; &gt; &amp; escaped (HtmlText.Escape); hero and thumbnail cards become a bold title, subtitle and
/// text under the message; card buttons and suggested actions become one inline keyboard. Call actions become the
/// number in the text, because Telegram rejects tel: URLs in buttons (notes §4.9). Texts over the limit are split
/// at sentence boundaries; the keyboard goes under the last piece.
/// </summary>
public sealed class TelegramReplyRenderer(int maxLength = TelegramTextSplitter.TelegramMaxLength)
{
    private const int ShortButton = 12;
    private const int ButtonsPerShortRow = 3;
    private static readonly HashSet<string> CardTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        HeroCard.ContentType, ThumbnailCard.ContentType,
    };

    public RenderedReply Render(IMessageActivity activity)
    {
        var text = new StringBuilder();
        var bold = new List<Range>();
        var cardRows = new List<IReadOnlyList<ReplyButton>>();
        var phoneLines = new List<string>();

        Paragraph(text, activity.Text);
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (!CardTypes.Contains(attachment.ContentType ?? string.Empty) || Card(attachment.Content) is not { } card) continue;
            var title = Clean(card.Value<string>("title"));
            var lines = new[] { Clean(card.Value<string>("subtitle")), Clean(card.Value<string>("text")) }
                .Where(l => l.Length > 0).ToList();
            if (title.Length > 0 || lines.Count > 0)
            {
                if (text.Length > 0) text.Append("\n\n");
                if (title.Length > 0)
                {
                    bold.Add(text.Length..(text.Length + title.Length));
                    text.Append(title);
                    if (lines.Count > 0) text.Append('\n');
                }
                text.Append(string.Join("\n", lines));
            }
            foreach (var action in card["buttons"]?.ToObject<List<CardAction>>() ?? [])
            {
                if (PhoneNumber(action) is { } number) phoneLines.Add(PhoneLine(action, number));
                else if (Button(action) is { } button) cardRows.Add([button]);
            }
        }

        foreach (var action in activity.SuggestedActions?.Actions ?? [])
        {
            if (PhoneNumber(action) is { } number) phoneLines.Add(PhoneLine(action, number));
        }

        var plain = text.ToString();
        var missingNumbers = phoneLines.Where(line => !plain.Contains(NumberOf(line), StringComparison.Ordinal)).Distinct().ToList();
        if (missingNumbers.Count > 0)
        {
            Paragraph(text, string.Join("\n", missingNumbers));
            plain = text.ToString();
        }

        var suggested = (activity.SuggestedActions?.Actions ?? []).Select(a => PhoneNumber(a) is null ? Button(a) : null)
            .OfType<ReplyButton>().ToList();
        var keyboard = cardRows.Concat(Layout(suggested)).ToList();

        var pieces = TelegramTextSplitter.Split(plain, maxLength).Select(range => Html(plain, range, bold)).ToList();
        return new RenderedReply(pieces, keyboard);
    }

    /// <summary>The escaped HTML of one piece, with the bold ranges that fall into it.</summary>
    private static string Html(string plain, Range piece, IReadOnlyList<Range> bold)
    {
        var (start, length) = piece.GetOffsetAndLength(plain.Length);
        var end = start + length;
        var html = new StringBuilder(length + 16);
        var position = start;
        foreach (var range in bold)
        {
            var (boldStart, boldLength) = range.GetOffsetAndLength(plain.Length);
            var from = Math.Max(boldStart, position);
            var to = Math.Min(boldStart + boldLength, end);
            if (from >= to) continue;
            html.Append(HtmlText.Escape(plain[position..from]));
            html.Append("<b>").Append(HtmlText.Escape(plain[from..to])).Append("</b>");
            position = to;
        }
        html.Append(HtmlText.Escape(plain[position..end]));
        return html.ToString();
    }

    /// <summary>Short buttons (👍 👎) share a row; longer ones (questions) get a row each.</summary>
    private static IEnumerable<IReadOnlyList<ReplyButton>> Layout(IReadOnlyList<ReplyButton> buttons)
    {
        var row = new List<ReplyButton>();
        foreach (var button in buttons)
        {
            var isShort = button.Text.Length <= ShortButton;
            if (row.Count > 0 && (!isShort || row.Count == ButtonsPerShortRow || row[0].Text.Length > ShortButton))
            {
                yield return row;
                row = [];
            }
            row.Add(button);
        }
        if (row.Count > 0) yield return row;
    }

    private static ReplyButton? Button(CardAction action)
    {
        var label = Clean(action.Title ?? action.Text ?? action.DisplayText ?? (action.Value as string));
        if (label.Length == 0) return null;
        switch (action.Type)
        {
            case ActionTypes.ImBack or ActionTypes.PostBack or ActionTypes.MessageBack:
                return new ReplyButton(label, Action: action);
            case ActionTypes.OpenUrl or ActionTypes.DownloadFile or ActionTypes.ShowImage or ActionTypes.PlayAudio or ActionTypes.PlayVideo:
                return action.Value is string url && IsLink(url) ? new ReplyButton(label, Url: url) : null;
            default:
                return null;
        }
    }

    /// <summary>Telegram opens only http, https and tg links from buttons.</summary>
    private static bool IsLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tg";

    private static string? PhoneNumber(CardAction action)
    {
        var value = action.Value as string ?? string.Empty;
        if (value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) return value[4..].Trim();
        return action.Type == ActionTypes.Call && value.Length > 0 ? value.Trim() : null;
    }

    private static string PhoneLine(CardAction action, string number)
    {
        var title = Clean(action.Title);
        return title.Contains(number, StringComparison.Ordinal) ? "📞 " + title
            : title.Length > 0 ? $"📞 {title}: {number}" : "📞 " + number;
    }

    private static string NumberOf(string phoneLine)
    {
        var digits = new string(phoneLine.Reverse().SkipWhile(c => !char.IsDigit(c)).TakeWhile(c => char.IsDigit(c) || c == '+')
            .Reverse().ToArray());
        return digits.Length > 0 ? digits : phoneLine;
    }

    private static JObject? Card(object? content) => content switch
    {
        null => null,
        JObject json => json,
        string json => TryParse(json),
        _ => JObject.FromObject(content),
    };

    private static JObject? TryParse(string json)
    {
        try
        {
            return JObject.Parse(json);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return null;
        }
    }

    private static void Paragraph(StringBuilder text, string? paragraph)
    {
        var clean = Clean(paragraph);
        if (clean.Length == 0) return;
        if (text.Length > 0) text.Append("\n\n");
        text.Append(clean);
    }

    private static string Clean(string? text) => (text ?? string.Empty).Replace("\r\n", "\n").Trim();
}
