using Gas.Core.Text;

namespace Gas.Tests.Text;

/// <summary>Sizes, durations and countdowns read the same on every page and email.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class HumanWords
{
    [TestMethod]
    [DataRow(0L, "0 bytes")]
    [DataRow(1L, "1 byte")]
    [DataRow(1023L, "1023 bytes")]
    [DataRow(150L * 1024, "150 KB")]
    [DataRow(1536L, "1.5 KB")]
    [DataRow(1024L * 1024 * 1024, "1 GB")]
    public void SizesUseBinaryUnitsAsTheLimitsAreConfigured(long bytes, string expected) =>
        Assert.AreEqual(expected, Humanize.Bytes(bytes));

    [TestMethod]
    [DataRow(300, "5 minutes")]
    [DataRow(60, "1 minute")]
    [DataRow(5400, "1 hour 30 minutes")]
    [DataRow(172800, "2 days")]
    [DataRow(90061, "1 day 1 hour")]
    [DataRow(0, "less than a second")]
    public void DurationsNameTheLargestPartAndTheNextWhenNotZero(int seconds, string expected) =>
        Assert.AreEqual(expected, Humanize.Duration(TimeSpan.FromSeconds(seconds)));

    [TestMethod]
    [DataRow(240, "in 4 min")]
    [DataRow(181, "in 4 min")]
    [DataRow(45, "in 45 s")]
    [DataRow(7500, "in 2 h 5 min")]
    [DataRow(0, "closed")]
    [DataRow(-5, "closed")]
    public void TimeLeftRoundsMinutesUpSoACountdownNeverShowsZeroEarly(int seconds, string expected) =>
        Assert.AreEqual(expected, Humanize.TimeLeft(TimeSpan.FromSeconds(seconds)));
}
