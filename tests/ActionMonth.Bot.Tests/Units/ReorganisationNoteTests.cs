using ActionMonth.Bot.Resources;

namespace ActionMonth.Bot.Tests.Units;

/// <summary>The 2025 reorganisation note says only what /work/shared/facts.md supports: the ministry-level move to
/// the Ministry of Health is sourced; a provincial Department of Health taking over is confirmed for Hồ Chí Minh City
/// only, so the note names it there and sends everyone else to the commune or ward People's Committee or 111.</summary>
public sealed class ReorganisationNoteTests
{
    [Fact]
    public void Vietnamese_note_names_the_ministry_and_the_department_of_health_only_for_ho_chi_minh_city()
    {
        var note = VietnameseUiText.Instance.MinistryReorganisationNote;
        Assert.Contains("Bộ Y tế", note);
        Assert.Contains("Nghị định 42/2025/NĐ-CP", note);
        Assert.DoesNotContain("thường do Sở Y tế", note);
        Assert.Contains("TP Hồ Chí Minh là Sở Y tế", note);
        Assert.Contains("Ủy ban nhân dân xã/phường", note);
        Assert.Contains("111", note);
    }

    [Fact]
    public void English_note_says_the_same()
    {
        var note = EnglishUiText.Instance.MinistryReorganisationNote;
        Assert.Contains("Ministry of Health", note);
        Assert.DoesNotContain("usually the provincial Department of Health", note);
        Assert.Contains("Hồ Chí Minh City it is the Department of Health", note);
        Assert.Contains("commune or ward People's Committee", note);
        Assert.Contains("111", note);
    }
}
