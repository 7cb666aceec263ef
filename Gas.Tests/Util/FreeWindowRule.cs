using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Tests.Support;

namespace Gas.Tests.Util;

/// <summary>One rule says when a Free user's results stop being downloadable, and the archive queue's delay follows it.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class FreeWindowRule
{
    private static readonly DateTimeOffset Completed = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static AnnotationJob CompletedJob() => new JobBuilder().Build() with { Status = JobStatus.Completed, CompleteTime = Completed.ToUnixTimeSeconds() };

    [TestMethod]
    public void ClosesTheWindowLengthAfterTheJobCompletes()
    {
        var window = FreeWindow.Of(new RetentionOptions { FreeDownloadWindow = TimeSpan.FromMinutes(5) });
        var job = CompletedJob();

        Assert.AreEqual(Completed.AddMinutes(5), window.ClosesAt(job));
        Assert.IsFalse(window.HasClosed(job, Completed.AddMinutes(5).AddSeconds(-1)));
        Assert.IsTrue(window.HasClosed(job, Completed.AddMinutes(5)));
    }

    [TestMethod]
    public void AJobThatHasNotCompletedHasNoWindowYet()
    {
        var window = new FreeWindow(TimeSpan.FromMinutes(5));
        var running = new JobBuilder().Build();

        Assert.IsNull(window.ClosesAt(running));
        Assert.IsFalse(window.HasClosed(running, DateTimeOffset.MaxValue));
    }

    [TestMethod]
    [DataRow("00:05:00", 300)]
    [DataRow("00:15:00", 900)]
    [DataRow("02:00:00", 900)]
    public void TheArchiveQueueHoldsMessagesForTheWindowUpToSqssLimit(string length, int expectedSeconds)
    {
        var retention = new RetentionOptions { FreeDownloadWindow = TimeSpan.Parse(length, System.Globalization.CultureInfo.InvariantCulture) };
        var messaging = new MessagingOptions();

        Assert.AreEqual(expectedSeconds, FreeWindow.Of(retention).ArchiveQueueDelaySeconds);
        Assert.AreEqual(expectedSeconds, messaging.EffectiveQueues(retention)[messaging.ResultsArchiveQueue].DelaySeconds);
    }
}
