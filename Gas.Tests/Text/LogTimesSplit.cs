using Gas.RazorPages.Jobs;

namespace Gas.Tests.Text;

/// <summary>The annotator's UTC times are found in a log so the page can mark them for the viewer's zone.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class LogTimesSplit
{
    [TestMethod]
    public void TimesAreCutOutOfTheTextAndEverythingElseIsKept()
    {
        const string log = "Started: 2026-12-02 07:26:14Z\nannotated 12 lines\nFinished: 2026-12-02 07:26:19Z\n";

        var segments = LogTimes.Split(log);

        Assert.AreEqual(log.Replace("14Z", "14 UTC", StringComparison.Ordinal).Replace("19Z", "19 UTC", StringComparison.Ordinal),
            string.Concat(segments.Select(s => s.Text)));
        var times = segments.Where(s => s.Utc is not null).Select(s => LogTimes.Iso(s.Utc!.Value)).ToList();
        CollectionAssert.AreEqual(new[] { "2026-12-02T07:26:14Z", "2026-12-02T07:26:19Z" }, times);
    }

    [TestMethod]
    public void ALogWithoutTimesIsOneTextSegment()
    {
        var segments = LogTimes.Split("no times on 2026-12-02 here");

        Assert.AreEqual(1, segments.Count);
        Assert.IsNull(segments[0].Utc);
    }
}
