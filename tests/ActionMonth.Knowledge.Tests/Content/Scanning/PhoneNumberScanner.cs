using System.Text.RegularExpressions;
using ActionMonth.Knowledge.Parsing;
using ActionMonth.Knowledge.Text;

namespace ActionMonth.Knowledge.Tests.Content.Scanning;

/// <summary>A number in a line of text that looks like a phone number, and why.</summary>
public sealed record PhoneNumberFinding(string Number, string Why);

/// <summary>
/// Finds phone numbers in one line of knowledge/ text: any run of five or more digits written the way phone numbers
/// are (digits with single spaces, dots or dashes between them, optionally a leading +: "1800 1567", "0912.345.678",
/// "+84 912 345 678"), and any short number (3 or 4 digits) presented as a number to call ("gọi 1080",
/// "tổng đài 116") that is not one of the national numbers. Document numbers (102/2016/QH13), dates (05/04/2016,
/// 2026-11-29), years and year ranges, amounts written with thousands dots (1.000.000), article, clause and point
/// numbers, ages and web addresses are not phone numbers.
/// </summary>
public static partial class PhoneNumberScanner
{
    public static IReadOnlySet<string> NationalNumbers => HotlineParser.NationalNumbers;

    // Digits joined by at most one separator each; not glued to letters, other digits or a slash, nor hyphened to a
    // word, so the parts of "102/2016/QH13", "29/11/2026", "NĐ-CP" and a card id "child-call-113-115" are never candidates.
    [GeneratedRegex(@"(?<![\p{L}\p{N}/.,+])(?<![\p{L}\p{N}]-)\+?\d(?:[ .\-–]?\d)*(?![\p{L}\p{N}/])")]
    private static partial Regex Candidate();

    [GeneratedRegex(@"https?://\S+|www\.\S+")]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[.\-]\d{1,2}[.\-](19|20)\d{2}$")]
    private static partial Regex Date();

    [GeneratedRegex(@"^(19|20)\d{2}(?:\s?[-–]\s?(19|20)\d{2})+$")]
    private static partial Regex YearRange();

    [GeneratedRegex(@"^[1-9]\d{0,2}(?:\.\d{3})+$")]
    private static partial Regex ThousandsAmount();

    // Words (folded) that present the number right after them as something to call or text.
    [GeneratedRegex(@"\b(goi|dien thoai|duong day|tong dai|hotline|nhan tin|bam so|quay so|so khan cap|lien he so|so may)\b")]
    private static partial Regex CallCue();

    // Folded words right before a number that make it a reference, not a phone number.
    [GeneratedRegex(@"\b(dieu|khoan|diem|muc|chuong|so hieu|quyet dinh|cong van|ke hoach|nghi dinh|thong tu|luat|chi thi|nam)\s*$")]
    private static partial Regex ReferenceBefore();

    public static IReadOnlyList<PhoneNumberFinding> Scan(string line)
    {
        var text = WebAddress().Replace(line, m => new string(' ', m.Length));
        var findings = new List<PhoneNumberFinding>();
        foreach (Match m in Candidate().Matches(text))
        {
            var number = m.Value.Trim();
            var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length >= 5)
            {
                // "113-115", "113, 114, 115" written as a range: national numbers side by side.
                if (number.Split([' ', '.', '-', '–']).All(NationalNumbers.Contains)) continue;
                if (Date().IsMatch(number) || YearRange().IsMatch(number) || ThousandsAmount().IsMatch(number)) continue;
                findings.Add(new PhoneNumberFinding(number, "looks like a phone number"));
                continue;
            }
            if (digits.Length is < 3 or > 4 || digits != number || NationalNumbers.Contains(number)) continue;
            if (digits.Length == 4 && int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) is >= 1945 and <= 2099) continue;
            var before = VietnameseText.Fold(text[..m.Index]);
            if (ReferenceBefore().IsMatch(before)) continue;
            // The cue must be close: in the same sentence, within a few words ("gọi ngay tổng đài 1080",
            // "gọi 111 hoặc 1080").
            var sentence = before[(before.LastIndexOfAny(['.', '!', '?', ';']) + 1)..];
            var near = sentence.Length > 40 ? sentence[^40..] : sentence;
            if (CallCue().IsMatch(near))
                findings.Add(new PhoneNumberFinding(number, "is given as a number to call but is not 111, 113, 114 or 115"));
        }
        return findings;
    }
}
