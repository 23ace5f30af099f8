using System.Buffers;
using System.Globalization;
using System.Text.Unicode;
using ActionMonth.Bot.Conversation.Replies;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.Adapters;

/// <summary>
/// Writes an expectReplies body (<see cref="ExpectedReplies"/>) as UTF-8 JSON, byte for byte what Newtonsoft writes
/// with HttpHelper's serializer settings unindented, without Newtonsoft's per-value reflection and converter lookups,
/// its UTF-16 buffering and the transcoding after it (the reply body was ~11 % of a bot turn's CPU). The settings'
/// rules it keeps: the [JsonProperty] names in declaration order, nulls left out (array items and JSON nulls kept),
/// extension data (Properties) after the declared properties, Newtonsoft's string escaping (control characters,
/// quote, backslash, U+0085/2028/2029; lone surrogates become U+FFFD in UTF-8 as the text encoder does), its
/// DateTimeOffset form and its doubles ("R", with ".0" when whole).
/// Anything it does not know exactly (a subclass, a list type other than List or array, a value of another CLR type
/// in an object slot, a JValue of another kind, an attachment whose content is not a JToken, string or plain hero
/// card, the rare SemanticAction) is written by the same Newtonsoft serializer into the same buffer, so the output
/// never changes whatever the bot puts in a reply.
/// </summary>
internal ref struct ExpectedRepliesJsonWriter
{
    // What Newtonsoft escapes with StringEscapeHandling.Default in a double-quoted string: control characters, quote and
    // backslash, and three non-ASCII line breaks. A set with non-ASCII members is searched far more slowly through
    // Vietnamese text than an ASCII one, and those three are rare: a string is searched for them once, and for the
    // ASCII set only when it has none.
    private const string AsciiEscapes =
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\";

    private static readonly SearchValues<char> AsciiEscaped = SearchValues.Create(AsciiEscapes);
    private static readonly SearchValues<char> Escaped = SearchValues.Create(AsciiEscapes + "\u0085\u2028\u2029");

    // Newtonsoft's IsoDateFormat for a DateTimeOffset: seconds, then up to 7 fraction digits without trailing zeros
    // (none and no point when zero), then the offset as +hh:mm.
    private const string DateFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz";

    // Request at least this much of the output at a time for text, so long strings go in few pieces.
    private const int TextChunk = 256;

    private readonly IBufferWriter<byte> _output;
    private readonly JsonSerializer _serializer;
    private Span<byte> _span;
    private int _position;
    private bool _comma;
    private bool _nameWithoutValue;

    private ExpectedRepliesJsonWriter(IBufferWriter<byte> output, JsonSerializer serializer)
    {
        _output = output;
        _serializer = serializer;
    }

    private delegate void ItemWriter<in T>(ref ExpectedRepliesJsonWriter writer, T item);

    /// <summary>Writes <paramref name="replies"/> to <paramref name="output"/> as <paramref name="serializer"/> (HttpHelper's
    /// settings, unindented) would, using that serializer for what it does not write itself.</summary>
    public static void Write(IBufferWriter<byte> output, ExpectedReplies replies, JsonSerializer serializer)
    {
        var writer = new ExpectedRepliesJsonWriter(output, serializer);
        if (replies.GetType() == typeof(ExpectedReplies))
        {
            writer.StartObject();
            writer.Items("\"activities\":"u8, replies.Activities, static (ref w, a) => w.Activity(a));
            writer.EndObject();
        }
        else
        {
            writer.Newtonsoft(replies);
        }
        writer.Commit();
    }

    private void Activity(Activity a)
    {
        if (a.GetType() != typeof(Activity))
        {
            Newtonsoft(a);
            return;
        }
        StartObject();
        Property("\"type\":"u8, a.Type);
        Property("\"id\":"u8, a.Id);
        Property("\"timestamp\":"u8, a.Timestamp);
        Property("\"localTimestamp\":"u8, a.LocalTimestamp);
        Property("\"localTimezone\":"u8, a.LocalTimezone);
        Property("\"serviceUrl\":"u8, a.ServiceUrl);
        Property("\"channelId\":"u8, a.ChannelId);
        Property("\"from\":"u8, a.From);
        Property("\"conversation\":"u8, a.Conversation);
        Property("\"recipient\":"u8, a.Recipient);
        Property("\"textFormat\":"u8, a.TextFormat);
        Property("\"attachmentLayout\":"u8, a.AttachmentLayout);
        Items("\"membersAdded\":"u8, a.MembersAdded, static (ref w, m) => w.Account(m));
        Items("\"membersRemoved\":"u8, a.MembersRemoved, static (ref w, m) => w.Account(m));
        Items("\"reactionsAdded\":"u8, a.ReactionsAdded, static (ref w, r) => w.Reaction(r));
        Items("\"reactionsRemoved\":"u8, a.ReactionsRemoved, static (ref w, r) => w.Reaction(r));
        Property("\"topicName\":"u8, a.TopicName);
        Property("\"historyDisclosed\":"u8, a.HistoryDisclosed);
        Property("\"locale\":"u8, a.Locale);
        ReplyText("\"text\":"u8, a.Text);
        ReplyText("\"speak\":"u8, a.Speak);
        Property("\"inputHint\":"u8, a.InputHint);
        Property("\"summary\":"u8, a.Summary);
        if (a.SuggestedActions is { } suggested)
        {
            Name("\"suggestedActions\":"u8);
            SuggestedActions(suggested);
        }
        Items("\"attachments\":"u8, a.Attachments, static (ref w, attachment) => w.Attachment(attachment));
        Items("\"entities\":"u8, a.Entities, static (ref w, e) => w.Entity(e));
        Property("\"channelData\":"u8, a.ChannelData);
        Property("\"action\":"u8, a.Action);
        Property("\"replyToId\":"u8, a.ReplyToId);
        Property("\"label\":"u8, a.Label);
        Property("\"valueType\":"u8, a.ValueType);
        Property("\"value\":"u8, a.Value);
        Property("\"name\":"u8, a.Name);
        if (a.RelatesTo is { } relatesTo)
        {
            Name("\"relatesTo\":"u8);
            Reference(relatesTo);
        }
        Property("\"code\":"u8, a.Code);
        Property("\"expiration\":"u8, a.Expiration);
        Property("\"importance\":"u8, a.Importance);
        Property("\"deliveryMode\":"u8, a.DeliveryMode);
        Items("\"listenFor\":"u8, a.ListenFor, static (ref w, s) => w.String(s));
        Items("\"textHighlights\":"u8, a.TextHighlights, static (ref w, h) => w.Highlight(h));
        if (a.SemanticAction is { } semanticAction)
        {
            // Rare, and a dictionary of entities: Newtonsoft's own rules for dictionaries apply.
            Name("\"semanticAction\":"u8);
            Newtonsoft(semanticAction);
        }
        Property("\"callerId\":"u8, a.CallerId);
        Extension(a.Properties);
        EndObject();
    }

    private void Account(ChannelAccount account)
    {
        if (account.GetType() != typeof(ChannelAccount))
        {
            Newtonsoft(account);
            return;
        }
        StartObject();
        Property("\"id\":"u8, account.Id);
        Property("\"name\":"u8, account.Name);
        Property("\"aadObjectId\":"u8, account.AadObjectId);
        Property("\"role\":"u8, account.Role);
        Extension(account.Properties);
        EndObject();
    }

    private void Conversation(ConversationAccount conversation)
    {
        if (conversation.GetType() != typeof(ConversationAccount))
        {
            Newtonsoft(conversation);
            return;
        }
        StartObject();
        Property("\"isGroup\":"u8, conversation.IsGroup);
        Property("\"conversationType\":"u8, conversation.ConversationType);
        Property("\"id\":"u8, conversation.Id);
        Property("\"name\":"u8, conversation.Name);
        Property("\"aadObjectId\":"u8, conversation.AadObjectId);
        Property("\"role\":"u8, conversation.Role);
        Property("\"tenantId\":"u8, conversation.TenantId);
        Extension(conversation.Properties);
        EndObject();
    }

    private void Reference(ConversationReference reference)
    {
        if (reference.GetType() != typeof(ConversationReference))
        {
            Newtonsoft(reference);
            return;
        }
        StartObject();
        Property("\"activityId\":"u8, reference.ActivityId);
        Property("\"user\":"u8, reference.User);
        Property("\"bot\":"u8, reference.Bot);
        Property("\"conversation\":"u8, reference.Conversation);
        Property("\"channelId\":"u8, reference.ChannelId);
        Property("\"locale\":"u8, reference.Locale);
        Property("\"serviceUrl\":"u8, reference.ServiceUrl);
        EndObject();
    }

    private void Reaction(MessageReaction reaction)
    {
        if (reaction.GetType() != typeof(MessageReaction))
        {
            Newtonsoft(reaction);
            return;
        }
        StartObject();
        Property("\"type\":"u8, reaction.Type);
        EndObject();
    }

    private void Highlight(TextHighlight highlight)
    {
        if (highlight.GetType() != typeof(TextHighlight))
        {
            Newtonsoft(highlight);
            return;
        }
        StartObject();
        Property("\"text\":"u8, highlight.Text);
        Property("\"occurrence\":"u8, highlight.Occurrence);
        EndObject();
    }

    private void SuggestedActions(SuggestedActions suggested)
    {
        if (suggested.GetType() != typeof(SuggestedActions))
        {
            Newtonsoft(suggested);
            return;
        }
        StartObject();
        Items("\"to\":"u8, suggested.To, static (ref w, s) => w.String(s));
        Items("\"actions\":"u8, suggested.Actions, static (ref w, action) => w.Action(action));
        EndObject();
    }

    private void Action(CardAction action)
    {
        if (action.GetType() != typeof(CardAction))
        {
            Newtonsoft(action);
            return;
        }
        StartObject();
        Property("\"type\":"u8, action.Type);
        ReplyText("\"title\":"u8, action.Title);
        Property("\"image\":"u8, action.Image);
        ReplyText("\"text\":"u8, action.Text);
        ReplyText("\"displayText\":"u8, action.DisplayText);
        if (action.Value is string said) ReplyText("\"value\":"u8, said);
        else Property("\"value\":"u8, action.Value);
        Property("\"channelData\":"u8, action.ChannelData);
        Property("\"imageAltText\":"u8, action.ImageAltText);
        EndObject();
    }

    private void Entity(Entity entity)
    {
        if (entity.GetType() != typeof(Entity))
        {
            // Mention, Place, GeoCoordinates…: their own properties.
            Newtonsoft(entity);
            return;
        }
        StartObject();
        Property("\"type\":"u8, entity.Type);
        Extension(entity.Properties);
        EndObject();
    }

    private void Attachment(Attachment attachment)
    {
        // Content goes through the SDK's AttachmentMemoryStreamConverter (JToken.FromObject, then written): the same
        // JSON as writing it directly for a JToken, a string or a hero card of known types; anything else is left to it.
        if (attachment.GetType() != typeof(Attachment) || !IsKnownContent(attachment.Content))
        {
            Newtonsoft(attachment);
            return;
        }
        StartObject();
        Property("\"contentType\":"u8, attachment.ContentType);
        Property("\"contentUrl\":"u8, attachment.ContentUrl);
        switch (attachment.Content)
        {
            case null:
                break;
            case HeroCard card:
                Name("\"content\":"u8);
                HeroCard(card);
                break;
            case var content:
                Property("\"content\":"u8, content);
                break;
        }
        Property("\"name\":"u8, attachment.Name);
        Property("\"thumbnailUrl\":"u8, attachment.ThumbnailUrl);
        Extension(attachment.Properties);
        EndObject();
    }

    private static bool IsKnownContent(object? content) => content switch
    {
        null or string or JToken => true,
        HeroCard card => card.GetType() == typeof(HeroCard) && IsKnownCard(card),
        _ => false,
    };

    private static bool IsKnownCard(HeroCard card)
    {
        if (!IsKnownList(card.Buttons) || !IsKnownList(card.Images) || !IsKnownAction(card.Tap)) return false;
        if (card.Buttons is not null)
            foreach (var button in card.Buttons)
                if (!IsKnownAction(button)) return false;
        if (card.Images is not null)
            foreach (var image in card.Images)
                if (image is not null && (image.GetType() != typeof(CardImage) || !IsKnownAction(image.Tap))) return false;
        return true;
    }

    private static bool IsKnownList<T>(IList<T>? list) => list is null || list.GetType() == typeof(List<T>) || list.GetType() == typeof(T[]);

    private static bool IsKnownAction(CardAction? action) =>
        action is null || (action.GetType() == typeof(CardAction) && IsPlainValue(action.Value) && IsPlainValue(action.ChannelData));

    private static bool IsPlainValue(object? value) => value is null or string or JToken or bool or int or long or ButtonValue;

    private void HeroCard(HeroCard card)
    {
        StartObject();
        ReplyText("\"title\":"u8, card.Title);
        ReplyText("\"subtitle\":"u8, card.Subtitle);
        ReplyText("\"text\":"u8, card.Text);
        Items("\"images\":"u8, card.Images, static (ref w, image) => w.Image(image));
        Items("\"buttons\":"u8, card.Buttons, static (ref w, action) => w.Action(action));
        if (card.Tap is { } tap)
        {
            Name("\"tap\":"u8);
            Action(tap);
        }
        EndObject();
    }

    private void Image(CardImage image)
    {
        if (image.GetType() != typeof(CardImage))
        {
            Newtonsoft(image);
            return;
        }
        StartObject();
        Property("\"url\":"u8, image.Url);
        Property("\"alt\":"u8, image.Alt);
        if (image.Tap is { } tap)
        {
            Name("\"tap\":"u8);
            Action(tap);
        }
        EndObject();
    }

    /// <summary>[JsonExtensionData] as Newtonsoft writes it: each key as it is, each value (JSON null included).</summary>
    private void Extension(JObject? properties)
    {
        if (properties is null) return;
        for (var token = properties.First; token is not null; token = token.Next)
        {
            var property = (JProperty)token;
            PropertyName(property.Name);
            // A property can hold no token (a comment put there); JProperty.WriteTo writes null for it.
            if (property.Value is { } value) Token(value);
            else Null();
        }
    }

    private void Token(JToken token)
    {
        switch (token.Type)
        {
            case JTokenType.Object when token.GetType() == typeof(JObject):
                StartObject();
                Extension((JObject)token);
                EndObject();
                return;
            case JTokenType.Array when token.GetType() == typeof(JArray):
                StartArray();
                for (var item = ((JArray)token).First; item is not null; item = item.Next) Token(item);
                EndArray();
                return;
        }
        if (token.GetType() == typeof(JValue))
        {
            switch (((JValue)token).Value)
            {
                case null when token.Type == JTokenType.Null:
                    Null();
                    return;
                case string s when token.Type == JTokenType.String:
                    String(s);
                    return;
                case bool b when token.Type == JTokenType.Boolean:
                    Boolean(b);
                    return;
                case long l when token.Type == JTokenType.Integer:
                    Integer(l);
                    return;
                case int i when token.Type == JTokenType.Integer:
                    Integer(i);
                    return;
                case double d when token.Type == JTokenType.Float && double.IsFinite(d):
                    Double(d);
                    return;
                case var comment when token.Type == JTokenType.Comment:
                    Comment(comment as string);
                    return;
            }
        }
        // Dates (written in UTC by these settings), TimeSpans (the SDK's converter), decimals, raw JSON, Guids…
        Newtonsoft(token);
    }

    private void Property(ReadOnlySpan<byte> name, ChannelAccount? account)
    {
        if (account is null) return;
        Name(name);
        Account(account);
    }

    private void Property(ReadOnlySpan<byte> name, ConversationAccount? conversation)
    {
        if (conversation is null) return;
        Name(name);
        Conversation(conversation);
    }

    private void Property(ReadOnlySpan<byte> name, string? value)
    {
        if (value is null) return;
        Name(name);
        String(value);
    }

    private void Property(ReadOnlySpan<byte> name, bool? value)
    {
        if (value is not { } b) return;
        Name(name);
        Boolean(b);
    }

    private void Property(ReadOnlySpan<byte> name, int? value)
    {
        if (value is not { } i) return;
        Name(name);
        Integer(i);
    }

    private void Property(ReadOnlySpan<byte> name, DateTimeOffset? value)
    {
        if (value is not { } date) return;
        Name(name);
        BeforeValue();
        Ensure(48);
        _span[_position++] = (byte)'"';
        if (!date.TryFormat(_span[_position..], out var written, DateFormat, CultureInfo.InvariantCulture))
            throw new InvalidOperationException("A date did not fit its buffer.");
        _position += written;
        _span[_position++] = (byte)'"';
        _comma = true;
    }

    /// <summary>An object-typed slot (value, channelData): the types Newtonsoft writes as plain JSON, else Newtonsoft.</summary>
    private void Property(ReadOnlySpan<byte> name, object? value)
    {
        if (value is null) return;
        Name(name);
        switch (value)
        {
            case string s:
                String(s);
                break;
            case JToken token:
                Token(token);
                break;
            case bool b:
                Boolean(b);
                break;
            case int i:
                Integer(i);
                break;
            case long l:
                Integer(l);
                break;
            case ButtonValue button:
                Button(button);
                break;
            default:
                Newtonsoft(value);
                break;
        }
    }

    /// <summary>The bot's own button value, as its [JsonProperty] attributes have Newtonsoft write it.</summary>
    private void Button(ButtonValue button)
    {
        StartObject();
        Property("\"action\":"u8, button.Action);
        Property("\"vote\":"u8, button.Vote);
        Property("\"answerId\":"u8, button.AnswerId);
        Property("\"cardId\":"u8, button.CardId);
        Property("\"doc\":"u8, button.Doc);
        Property("\"article\":"u8, button.Article);
        Property("\"clause\":"u8, button.Clause);
        EndObject();
    }

    private void Items<T>(ReadOnlySpan<byte> name, IList<T>? list, ItemWriter<T> write)
    {
        if (list is null) return;
        Name(name);
        if (list.GetType() != typeof(List<T>) && list.GetType() != typeof(T[]))
        {
            Newtonsoft(list);
            return;
        }
        StartArray();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { } item) write(ref this, item);
            else Null();
        }
        EndArray();
    }

    /// <summary>The value as the serializer writes it on its own: the same JSON it writes inside the body, since no
    /// property of these types carries a converter or item setting (the attachment's content is handled above).</summary>
    private void Newtonsoft(object value)
    {
        BeforeValue();
        Commit();
        using (var text = new Utf8BufferTextWriter(_output))
        using (var json = new JsonTextWriter(text) { ArrayPool = NewtonsoftCharPool.Instance })
        {
            _serializer.Serialize(json, value);
        }
        _comma = true;
    }

    private void StartObject()
    {
        BeforeValue();
        Byte((byte)'{');
        _comma = false;
    }

    private void EndObject()
    {
        // A comment where the last property's value should be: Newtonsoft closes the property with null.
        if (_nameWithoutValue) Null();
        Byte((byte)'}');
        _comma = true;
    }

    private void StartArray()
    {
        BeforeValue();
        Byte((byte)'[');
        _comma = false;
    }

    private void EndArray()
    {
        Byte((byte)']');
        _comma = true;
    }

    private void Name(ReadOnlySpan<byte> quotedNameAndColon)
    {
        BeforeName();
        Ensure(quotedNameAndColon.Length);
        quotedNameAndColon.CopyTo(_span[_position..]);
        _position += quotedNameAndColon.Length;
        _comma = false;
    }

    private void PropertyName(string name)
    {
        BeforeName();
        Quoted(name);
        Byte((byte)':');
        _comma = false;
    }

    private void Null()
    {
        BeforeValue();
        Ensure(4);
        "null"u8.CopyTo(_span[_position..]);
        _position += 4;
        _comma = true;
    }

    private void Boolean(bool value)
    {
        BeforeValue();
        var text = value ? "true"u8 : "false"u8;
        Ensure(text.Length);
        text.CopyTo(_span[_position..]);
        _position += text.Length;
        _comma = true;
    }

    private void Integer(long value)
    {
        BeforeValue();
        Ensure(20);
        value.TryFormat(_span[_position..], out var written, default, CultureInfo.InvariantCulture);
        _position += written;
        _comma = true;
    }

    /// <summary>JsonConvert.ToString(double): the round-trip form, with ".0" added when it reads as an integer.</summary>
    private void Double(double value)
    {
        BeforeValue();
        Ensure(32);
        var destination = _span[_position..];
        value.TryFormat(destination, out var written, "R", CultureInfo.InvariantCulture);
        var text = destination[..written];
        _position += written;
        if (text.IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            ".0"u8.CopyTo(_span[_position..]);
            _position += 2;
        }
        _comma = true;
    }

    private void String(string value)
    {
        BeforeValue();
        Quoted(value);
        _comma = true;
    }

    /// <summary>A property holding the text of a reply or of its buttons: the catalog's own strings, the same instances
    /// reply after reply, so their quoted bytes are kept (<see cref="QuotedStrings"/>). Ids, names and anything else
    /// per request are written by <see cref="Property(ReadOnlySpan{byte}, string?)"/> and never kept.</summary>
    private void ReplyText(ReadOnlySpan<byte> name, string? value)
    {
        if (value is null) return;
        Name(name);
        BeforeValue();
        if (value.Length < QuotedStrings.MinLength) Quoted(value);
        else Raw(QuotedStrings.Get(value) ?? QuotedStrings.Add(value, QuotedBytes(value)));
        _comma = true;
    }

    /// <summary>The string as this writer quotes it, in an array of its own (for <see cref="QuotedStrings"/>).</summary>
    private static byte[] QuotedBytes(string value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length + 16);
        var writer = new ExpectedRepliesJsonWriter(buffer, null!);
        writer.Quoted(value);
        writer.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    private void Raw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_span[_position..]);
        _position += bytes.Length;
    }

    private void Quoted(ReadOnlySpan<char> value)
    {
        Byte((byte)'"');
        var escaped = value.ContainsAny('\u0085', '\u2028', '\u2029') ? Escaped : AsciiEscaped;
        while (true)
        {
            var next = value.IndexOfAny(escaped);
            if (next < 0)
            {
                Text(value);
                break;
            }
            Text(value[..next]);
            Escape(value[next]);
            value = value[(next + 1)..];
        }
        Byte((byte)'"');
    }

    /// <summary>UTF-8 of text that needs no escaping; a lone surrogate becomes U+FFFD, as the response's encoder does.
    /// Escaped characters are never surrogates, so a pair is never split by an escape.</summary>
    private void Text(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            Ensure(Math.Clamp(chars.Length * 3, 4, TextChunk));
            var status = Utf8.FromUtf16(chars, _span[_position..], out var read, out var written, replaceInvalidSequences: true, isFinalBlock: true);
            _position += written;
            if (status == OperationStatus.Done) return;
            chars = chars[read..];
            // Too small a space left for the next sequence: take a new one.
            Commit();
        }
    }

    private void Escape(char c)
    {
        Ensure(6);
        var destination = _span[_position..];
        destination[0] = (byte)'\\';
        var shortForm = c switch
        {
            '"' => (byte)'"',
            '\\' => (byte)'\\',
            '\n' => (byte)'n',
            '\r' => (byte)'r',
            '\t' => (byte)'t',
            '\f' => (byte)'f',
            '\b' => (byte)'b',
            _ => (byte)0,
        };
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            _position += 2;
            return;
        }
        // \u and four lowercase hex digits, as Newtonsoft's JavaScriptUtils writes them.
        destination[1] = (byte)'u';
        destination[2] = Hex(c >> 12);
        destination[3] = Hex(c >> 8);
        destination[4] = Hex(c >> 4);
        destination[5] = Hex(c);
        _position += 6;
    }

    private static byte Hex(int value) => (byte)"0123456789abcdef"[value & 0xf];

    private void BeforeValue()
    {
        if (_comma) Byte((byte)',');
        _nameWithoutValue = false;
    }

    private void BeforeName()
    {
        // Only after a comment in a value's place (Activity.Value = a comment JValue), as Newtonsoft's writer refuses.
        if (_nameWithoutValue) throw new JsonWriterException("Token PropertyName in state Property would result in an invalid JSON object.");
        if (_comma) Byte((byte)',');
        _nameWithoutValue = true;
    }

    /// <summary>A JSON comment as Newtonsoft writes one: no separator before it, and the state it leaves is the one
    /// before it (the next value gets the separator the comment did not).</summary>
    private void Comment(string? text)
    {
        Ensure(2);
        "/*"u8.CopyTo(_span[_position..]);
        _position += 2;
        Text(text);
        Ensure(2);
        "*/"u8.CopyTo(_span[_position..]);
        _position += 2;
    }

    private void Byte(byte value)
    {
        Ensure(1);
        _span[_position++] = value;
    }

    private void Ensure(int bytes)
    {
        if (_span.Length - _position >= bytes) return;
        Commit();
        _span = _output.GetSpan(bytes);
    }

    private void Commit()
    {
        if (_position > 0) _output.Advance(_position);
        _position = 0;
        _span = default;
    }
}
