using System.Diagnostics;
using Gas.Annotator.Load;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Load;

/// <summary>Local mode (web + util + annotator in one process) annotates every job the load generator submits.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class AnnotatorLoadEndToEnd
{
    [TestMethod]
    public async Task TheInProcessAnnotatorDrivesEveryGeneratedJobToCompleted()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Annotator:PollWait"] = "00:00:00.2" });
        // A generator of its own over the app's ports, as the command line builds one over the same data directory.
        var generator = ActivatorUtilities.CreateInstance<LoadGenerator>(app.Services);

        var startedAt = Stopwatch.GetTimestamp();
        var ids = await generator.SubmitAsync(count: 8, users: 3);
        var report = await generator.WaitAsync(ids, startedAt, Stopwatch.GetElapsedTime(startedAt), Wait.Bound, TimeSpan.FromMilliseconds(100));

        Assert.AreEqual(8, report.Submitted);
        Assert.AreEqual(8, report.Completed, $"failed {report.Failed}, unfinished {report.Unfinished}");
        Assert.IsTrue(report.AllCompleted);
        Assert.IsGreaterThan(0, report.JobsPerSecond);
        var objects = app.Services.GetRequiredService<IObjectStore>();
        foreach (var user in new[] { "load-user-001", "load-user-002", "load-user-003" })
        {
            foreach (var job in (await app.Services.GetRequiredService<IJobStore>().ListByUserAsync(user, 10)).Jobs)
            {
                Assert.AreEqual(JobStatus.Completed, job.Status);
                Assert.IsNotNull(await objects.HeadAsync(job.ResultsBucket!, job.ResultKey!), $"result of {job.JobId}");
                Assert.IsNotNull(await objects.HeadAsync(job.ResultsBucket!, job.LogKey!), $"log of {job.JobId}");
            }
        }
    }
}
