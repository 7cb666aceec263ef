using Gas.Core.Jobs;
using Gas.Tests.Support;

namespace Gas.Tests.Contracts;

public sealed partial class JobStoreContract
{
    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ListsTheJobsTheSweepMayHaveToLookAtAndNoOthers(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var store = adapters.Jobs;
        var pending = new JobBuilder().Build();
        await store.CreateAsync(pending);
        var failed = new JobBuilder().Build();
        await store.CreateAsync(failed);
        Assert.IsTrue(await store.TryFailAsync(failed.JobId, "bad VCF", 900));
        var older = await CompletedAtAsync(store, 1_000);
        var newer = await CompletedAtAsync(store, 2_000);
        var archived = await CompletedAtAsync(store, 500);
        await ArchiveAsync(store, archived, "archive-1");
        var restoring = await CompletedAtAsync(store, 600);
        await ArchiveAsync(store, restoring, "archive-2");
        Assert.IsTrue(await store.TryMarkRestoringAsync(restoring, "archive-2", "Expedited", 3_000));

        CollectionAssert.AreEqual(new[] { older }, await DueAsync(store, SweepMark.Hot, 1_500), "hot results completed by then");
        CollectionAssert.AreEqual(new[] { older, newer }, await DueAsync(store, SweepMark.Hot, 2_500), "oldest first");
        CollectionAssert.AreEqual(new[] { archived }, await DueAsync(store, SweepMark.Archived, long.MaxValue));
        CollectionAssert.AreEqual(Array.Empty<string>(), await DueAsync(store, SweepMark.Restoring, 2_999));
        CollectionAssert.AreEqual(new[] { restoring }, await DueAsync(store, SweepMark.Restoring, 3_000), "by the restore request's time");

        var first = await store.ListSweepDueAsync(SweepMark.Hot, 2_500, 1);
        Assert.AreEqual(older, first.Jobs.Single().JobId);
        Assert.IsNotNull(first.NextPageToken);
        var second = await store.ListSweepDueAsync(SweepMark.Hot, 2_500, 1, first.NextPageToken);
        Assert.AreEqual(newer, second.Jobs.Single().JobId);
        Assert.IsNull(second.NextPageToken, "the last page carries no token");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task AClearedSweepMarkStaysClearedUntilTheJobIsMarkedAgainOrChangesState(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var store = adapters.Jobs;
        var job = await CompletedAtAsync(store, 1_000);
        var pending = new JobBuilder().Build();
        await store.CreateAsync(pending);

        Assert.IsFalse(await store.TryClearSweepMarkAsync(job, SweepMark.Archived), "only the mark it has");
        Assert.IsTrue(await store.TryClearSweepMarkAsync(job, SweepMark.Hot));
        Assert.IsFalse(await store.TryClearSweepMarkAsync(job, SweepMark.Hot), "cleared once");
        CollectionAssert.AreEqual(Array.Empty<string>(), await DueAsync(store, SweepMark.Hot, long.MaxValue));

        Assert.IsTrue(await store.TryMarkForSweepAsync(job));
        CollectionAssert.AreEqual(new[] { job }, await DueAsync(store, SweepMark.Hot, long.MaxValue));
        Assert.IsFalse(await store.TryMarkForSweepAsync(pending.JobId), "a job that has not completed is never the sweep's");
        Assert.IsFalse(await store.TryMarkForSweepAsync("no-such-job"));

        Assert.IsTrue(await store.TryClearSweepMarkAsync(job, SweepMark.Hot));
        await ArchiveAsync(store, job, "archive-1");
        CollectionAssert.AreEqual(new[] { job }, await DueAsync(store, SweepMark.Archived, long.MaxValue), "archiving marks it again");
        Assert.IsTrue(await store.TryMarkRestoringAsync(job, "archive-1", "Standard", 5_000));
        Assert.IsTrue(await store.TryMarkThawedAsync(job, "archive-1"));
        CollectionAssert.AreEqual(Array.Empty<string>(), await DueAsync(store, SweepMark.Restoring, long.MaxValue));
        CollectionAssert.AreEqual(new[] { job }, await DueAsync(store, SweepMark.Hot, 1_000), "thawed: hot again, by its completion");
        Assert.AreEqual(ArchiveState.Hot, (await store.GetAsync(job))!.ArchiveState);
    }

    private static async Task<string> CompletedAtAsync(IJobStore store, long completeTime)
    {
        var job = new JobBuilder().Build();
        await store.CreateAsync(job);
        Assert.IsTrue(await store.TryClaimAsync(job.JobId, completeTime - 10, completeTime + 100));
        Assert.IsTrue(await store.TryCompleteAsync(job.JobId, Outputs, completeTime));
        return job.JobId;
    }

    private static async Task ArchiveAsync(IJobStore store, string jobId, string archiveId)
    {
        Assert.IsTrue(await store.TryBeginArchiveAsync(jobId, archiveId, null));
        Assert.IsTrue(await store.TryMarkArchivedAsync(jobId, archiveId));
    }

    private static async Task<string[]> DueAsync(IJobStore store, SweepMark mark, long before)
    {
        var ids = new List<string>();
        string? page = null;
        do
        {
            var result = await store.ListSweepDueAsync(mark, before, 100, page);
            ids.AddRange(result.Jobs.Select(j => j.JobId));
            page = result.NextPageToken;
        }
        while (page is not null);

        return [.. ids];
    }
}
