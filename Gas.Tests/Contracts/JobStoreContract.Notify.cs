using Gas.Core.Jobs;
using Gas.Tests.Support;

namespace Gas.Tests.Contracts;

public sealed partial class JobStoreContract
{
    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task LetsOneNotifierAtATimeEmailAboutAnOutcomeUntilItsClaimRunsOut(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var pending = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(pending);
        Assert.IsFalse(await adapters.Jobs.TryBeginNotifyAsync(pending.JobId, JobStatus.Completed, now: 100, leaseUntil: 200), "nothing to tell yet");
        var job = await CompletedJobAsync(adapters);

        Assert.IsFalse(await adapters.Jobs.TryBeginNotifyAsync(job.JobId, JobStatus.Failed, 100, 200), "only the job's own outcome");
        Assert.IsTrue(await adapters.Jobs.TryBeginNotifyAsync(job.JobId, JobStatus.Completed, 100, 200));
        Assert.IsFalse(await adapters.Jobs.TryBeginNotifyAsync(job.JobId, JobStatus.Completed, 150, 250), "a live claim keeps a second notifier out");
        Assert.IsFalse(await adapters.Jobs.TryBeginNotifyAsync(job.JobId, JobStatus.Completed, 200, 300), "the claim holds to its last second");
        Assert.IsTrue(await adapters.Jobs.TryBeginNotifyAsync(job.JobId, JobStatus.Completed, 201, 300), "a dead notifier's claim runs out");
        Assert.IsNull((await adapters.Jobs.GetAsync(job.JobId))!.NotifiedStatus, "a claim is not an email sent");

        Assert.IsTrue(await adapters.Jobs.TryMarkNotifiedAsync(job.JobId, JobStatus.Completed));
        Assert.IsFalse(await adapters.Jobs.TryBeginNotifyAsync(job.JobId, JobStatus.Completed, 1_000, 1_100), "emailed once: no claim after");
        Assert.IsFalse(await adapters.Jobs.TryBeginNotifyAsync("no-such-job", JobStatus.Completed, 100, 200));
    }
}
