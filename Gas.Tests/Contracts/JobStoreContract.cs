using Gas.Core.Jobs;
using Gas.Tests.Support;

namespace Gas.Tests.Contracts;

[TestClass]
[TestCategory("Contract")]
public sealed partial class JobStoreContract
{
    private static readonly JobOutputs Outputs = new("gas-results", "u/j~free_1.annot.vcf", "u/j~free_1.vcf.count.log");

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task StoresAJobAndReadsItBackUnchanged(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().Build();

        await adapters.Jobs.CreateAsync(job);

        Assert.AreEqual(job, await adapters.Jobs.GetAsync(job.JobId));
        Assert.IsNull(await adapters.Jobs.GetAsync("no-such-job"));
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task KeepsThePlanTheOwnerSubmittedUnder(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().OnPlan(UserTier.Premium).Build();

        await adapters.Jobs.CreateAsync(job);

        Assert.AreEqual(UserTier.Premium, (await adapters.Jobs.GetAsync(job.JobId))!.UserTier);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task RefusesASecondJobWithTheSameId(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(job);

        var error = await Assert.ThrowsAsync<JobAlreadyExistsException>(() => adapters.Jobs.CreateAsync(job with { UserId = "someone-else" }));

        Assert.AreEqual(job.JobId, error.JobId);
        Assert.AreEqual(job.UserId, (await adapters.Jobs.GetAsync(job.JobId))!.UserId);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ClaimsAPendingJobOnceUntilItsLeaseRunsOut(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(job);

        Assert.IsTrue(await adapters.Jobs.TryClaimAsync(job.JobId, now: 100, leaseUntil: 200));
        Assert.IsFalse(await adapters.Jobs.TryClaimAsync(job.JobId, now: 150, leaseUntil: 250), "a live lease blocks a second claim");
        var running = await adapters.Jobs.GetAsync(job.JobId);
        Assert.AreEqual(JobStatus.Running, running!.Status);
        Assert.AreEqual(200, running.LeaseUntil);
        Assert.AreEqual(1, running.Attempts);

        Assert.IsTrue(await adapters.Jobs.TryClaimAsync(job.JobId, now: 201, leaseUntil: 300), "an expired lease can be re-claimed");
        var reclaimed = await adapters.Jobs.GetAsync(job.JobId);
        Assert.AreEqual(300, reclaimed!.LeaseUntil);
        Assert.AreEqual(2, reclaimed.Attempts);

        Assert.IsFalse(await adapters.Jobs.TryClaimAsync("no-such-job", 100, 200));
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task RenewsAndReleasesOnlyRunningJobs(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(job);

        Assert.IsFalse(await adapters.Jobs.TryRenewLeaseAsync(job.JobId, 500));
        Assert.IsFalse(await adapters.Jobs.TryReleaseAsync(job.JobId));

        await adapters.Jobs.TryClaimAsync(job.JobId, 100, 200);
        Assert.IsTrue(await adapters.Jobs.TryRenewLeaseAsync(job.JobId, 500));
        Assert.AreEqual(500, (await adapters.Jobs.GetAsync(job.JobId))!.LeaseUntil);

        Assert.IsTrue(await adapters.Jobs.TryReleaseAsync(job.JobId));
        var released = await adapters.Jobs.GetAsync(job.JobId);
        Assert.AreEqual(JobStatus.Pending, released!.Status);
        Assert.IsNull(released.LeaseUntil);
        Assert.IsTrue(await adapters.Jobs.TryClaimAsync(job.JobId, 600, 700), "a released job can be claimed again at once");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task CompletesOnlyARunningJob(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(job);

        Assert.IsFalse(await adapters.Jobs.TryCompleteAsync(job.JobId, Outputs, 300), "a PENDING job cannot complete");
        await adapters.Jobs.TryClaimAsync(job.JobId, 100, 200);
        Assert.IsTrue(await adapters.Jobs.TryCompleteAsync(job.JobId, Outputs with { Notes = "Reference: refFlat\nWarning: NCBI36?" }, 300));
        Assert.IsFalse(await adapters.Jobs.TryCompleteAsync(job.JobId, Outputs, 400), "completing twice");
        Assert.IsFalse(await adapters.Jobs.TryFailAsync(job.JobId, "late failure", 400), "a COMPLETED job cannot fail");

        var completed = await adapters.Jobs.GetAsync(job.JobId);
        Assert.AreEqual(JobStatus.Completed, completed!.Status);
        Assert.AreEqual(Outputs.ResultsBucket, completed.ResultsBucket);
        Assert.AreEqual(Outputs.ResultKey, completed.ResultKey);
        Assert.AreEqual("Reference: refFlat\nWarning: NCBI36?", completed.AnnotationNotes);
        Assert.AreEqual(Outputs.LogKey, completed.LogKey);
        Assert.AreEqual(300, completed.CompleteTime);
        Assert.IsNull(completed.LeaseUntil);
        Assert.IsTrue(completed.IsFinished);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task FailsPendingOrRunningJobsWithAReason(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var pending = new JobBuilder().Build();
        var running = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(pending);
        await adapters.Jobs.CreateAsync(running);
        await adapters.Jobs.TryClaimAsync(running.JobId, 100, 200);

        Assert.IsTrue(await adapters.Jobs.TryFailAsync(pending.JobId, "line 3: not a VCF", 150));
        Assert.IsTrue(await adapters.Jobs.TryFailAsync(running.JobId, "engine crashed", 160, Outputs));
        Assert.IsFalse(await adapters.Jobs.TryFailAsync(running.JobId, "again", 170), "a FAILED job stays as it failed");
        Assert.IsFalse(await adapters.Jobs.TryClaimAsync(pending.JobId, 1000, 2000), "a FAILED job cannot be claimed");

        var failedPending = await adapters.Jobs.GetAsync(pending.JobId);
        Assert.AreEqual(JobStatus.Failed, failedPending!.Status);
        Assert.AreEqual("line 3: not a VCF", failedPending.FailureReason);
        Assert.AreEqual(150, failedPending.CompleteTime);
        Assert.IsNull(failedPending.LogKey);

        var failedRunning = await adapters.Jobs.GetAsync(running.JobId);
        Assert.AreEqual("engine crashed", failedRunning!.FailureReason);
        Assert.AreEqual(Outputs.LogKey, failedRunning.LogKey);
        Assert.AreEqual(Outputs.ResultsBucket, failedRunning.ResultsBucket);
        Assert.IsNull(failedRunning.ResultKey);
        Assert.IsNull(failedRunning.LeaseUntil);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ArchivesRestoresAndThawsInOrder(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(job);

        Assert.IsFalse(await adapters.Jobs.TryMarkArchivedAsync(job.JobId, "a1"), "only COMPLETED jobs are archived");
        await adapters.Jobs.TryClaimAsync(job.JobId, 100, 200);
        await adapters.Jobs.TryCompleteAsync(job.JobId, Outputs, 300);

        Assert.IsFalse(await adapters.Jobs.TryMarkRestoringAsync(job.JobId, "a1", "Expedited", 400), "a hot job has nothing to restore");
        Assert.IsFalse(await adapters.Jobs.TryMarkArchivedAsync(job.JobId, "a1"), "only a copy recorded as pending becomes the archive");
        Assert.IsTrue(await adapters.Jobs.TryBeginArchiveAsync(job.JobId, "a1", null));
        Assert.IsTrue(await adapters.Jobs.TryMarkArchivedAsync(job.JobId, "a1"));
        Assert.IsFalse(await adapters.Jobs.TryBeginArchiveAsync(job.JobId, "a2", null), "archiving twice");
        Assert.IsFalse(await adapters.Jobs.TryMarkArchivedAsync(job.JobId, "a2"), "archiving twice");
        Assert.IsNull((await adapters.Jobs.GetAsync(job.JobId))!.ArchivePendingId, "recording the archive clears the pending copy");
        Assert.AreEqual(ArchiveState.Archived, (await adapters.Jobs.GetAsync(job.JobId))!.ArchiveState);

        Assert.IsFalse(await adapters.Jobs.TryMarkRestoringAsync(job.JobId, "other", "Expedited", 400), "another archive id");
        Assert.IsTrue(await adapters.Jobs.TryMarkRestoringAsync(job.JobId, "a1", "Standard", 400));
        Assert.IsFalse(await adapters.Jobs.TryMarkRestoringAsync(job.JobId, "a1", "Expedited", 401), "one restore at a time");
        var restoring = await adapters.Jobs.GetAsync(job.JobId);
        Assert.AreEqual(ArchiveState.Restoring, restoring!.ArchiveState);
        Assert.AreEqual("Standard", restoring.RestoreTier);
        Assert.AreEqual(400, restoring.RestoreRequestedTime);

        Assert.IsFalse(await adapters.Jobs.TryMarkThawedAsync(job.JobId, "other"));
        Assert.IsTrue(await adapters.Jobs.TryMarkThawedAsync(job.JobId, "a1"));
        Assert.IsFalse(await adapters.Jobs.TryMarkThawedAsync(job.JobId, "a1"), "thawing twice");
        var thawed = await adapters.Jobs.GetAsync(job.JobId);
        Assert.AreEqual(ArchiveState.Hot, thawed!.ArchiveState);
        Assert.IsNull(thawed.ResultsArchiveId);
        Assert.IsNull(thawed.RestoreTier);
        Assert.IsNull(thawed.RestoreRequestedTime);
        Assert.AreEqual(JobStatus.Completed, thawed.Status);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task APendingArchiveCopyIsTakenOverOnlyByNamingIt(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = await CompletedJobAsync(adapters);

        Assert.IsTrue(await adapters.Jobs.TryBeginArchiveAsync(job.JobId, "dead", null));
        Assert.AreEqual("dead", (await adapters.Jobs.GetAsync(job.JobId))!.ArchivePendingId);
        Assert.IsFalse(await adapters.Jobs.TryBeginArchiveAsync(job.JobId, "b", null), "a pending copy is taken over by name only");
        Assert.IsFalse(await adapters.Jobs.TryBeginArchiveAsync(job.JobId, "b", "other"), "not by another name");
        Assert.IsTrue(await adapters.Jobs.TryBeginArchiveAsync(job.JobId, "b", "dead"));
        Assert.IsFalse(await adapters.Jobs.TryMarkArchivedAsync(job.JobId, "dead"), "the superseded copy can no longer be recorded");
        Assert.IsFalse(await adapters.Jobs.TryAbandonArchiveAsync(job.JobId, "dead"));
        Assert.IsTrue(await adapters.Jobs.TryAbandonArchiveAsync(job.JobId, "b"));
        Assert.IsNull((await adapters.Jobs.GetAsync(job.JobId))!.ArchivePendingId);
        Assert.IsTrue(await adapters.Jobs.TryBeginArchiveAsync(job.JobId, "c", null), "after abandoning, a new copy starts afresh");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task RecordsAFinishedJobsPublishedResultAndNotificationOnce(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var pending = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(pending);
        Assert.IsFalse(await adapters.Jobs.TryMarkResultPublishedAsync(pending.JobId), "an unfinished job has no result");
        Assert.IsFalse(await adapters.Jobs.TryMarkNotifiedAsync(pending.JobId, JobStatus.Completed), "nor an outcome to tell");

        var job = await CompletedJobAsync(adapters);
        var fresh = await adapters.Jobs.GetAsync(job.JobId);
        Assert.IsFalse(fresh!.ResultPublished);
        Assert.IsNull(fresh.NotifiedStatus);

        Assert.IsTrue(await adapters.Jobs.TryMarkResultPublishedAsync(job.JobId));
        Assert.IsFalse(await adapters.Jobs.TryMarkNotifiedAsync(job.JobId, JobStatus.Failed), "only the job's own outcome");
        Assert.IsTrue(await adapters.Jobs.TryMarkNotifiedAsync(job.JobId, JobStatus.Completed));
        Assert.IsFalse(await adapters.Jobs.TryMarkNotifiedAsync(job.JobId, JobStatus.Completed), "notified once");
        var marked = await adapters.Jobs.GetAsync(job.JobId);
        Assert.IsTrue(marked!.ResultPublished);
        Assert.AreEqual(JobStatus.Completed, marked.NotifiedStatus);
    }

    private static async Task<AnnotationJob> CompletedJobAsync(AdapterFamily adapters)
    {
        var job = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(job);
        Assert.IsTrue(await adapters.Jobs.TryClaimAsync(job.JobId, 100, 200));
        Assert.IsTrue(await adapters.Jobs.TryCompleteAsync(job.JobId, Outputs, 300));
        return job;
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ListsAUsersJobsNewestFirstInPages(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        const string user = "listing-user";
        long[] submitTimes = [1_000, 5_000, 3_000, 2_000, 4_000];
        foreach (var time in submitTimes)
        {
            await adapters.Jobs.CreateAsync(new JobBuilder(user).SubmittedAt(time).Build());
        }

        await adapters.Jobs.CreateAsync(new JobBuilder("someone-else").SubmittedAt(9_000).Build());

        var seen = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await adapters.Jobs.ListByUserAsync(user, 2, token);
            Assert.IsLessThanOrEqualTo(2, page.Jobs.Count);
            Assert.IsTrue(page.Jobs.All(j => j.UserId == user));
            seen.AddRange(page.Jobs.Select(j => j.SubmitTime));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 10);

        CollectionAssert.AreEqual(new long[] { 5_000, 4_000, 3_000, 2_000, 1_000 }, seen);
        Assert.AreEqual(3, pages);

        var exact = await adapters.Jobs.ListByUserAsync(user, 5);
        Assert.HasCount(5, exact.Jobs);
        Assert.IsNull(exact.NextPageToken, "no token when nothing follows");
        Assert.IsEmpty((await adapters.Jobs.ListByUserAsync("nobody", 10)).Jobs);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task KeepsTheJobsNameAndTheVariantCountItCompletedWith(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var named = new JobBuilder().Named("Trio, chromosome 7").Build();
        var unnamed = new JobBuilder().Build();
        await adapters.Jobs.CreateAsync(named);
        await adapters.Jobs.CreateAsync(unnamed);

        Assert.AreEqual("Trio, chromosome 7", (await adapters.Jobs.GetAsync(named.JobId))!.JobName);
        Assert.IsNull((await adapters.Jobs.GetAsync(unnamed.JobId))!.JobName);
        Assert.IsNull((await adapters.Jobs.GetAsync(named.JobId))!.VariantCount, "no count before the job completes");

        await adapters.Jobs.TryClaimAsync(named.JobId, 100, 200);
        Assert.IsTrue(await adapters.Jobs.TryCompleteAsync(named.JobId, Outputs with { Variants = 12_345 }, 300));
        await adapters.Jobs.TryClaimAsync(unnamed.JobId, 100, 200);
        Assert.IsTrue(await adapters.Jobs.TryCompleteAsync(unnamed.JobId, Outputs, 300));

        var completed = await adapters.Jobs.GetAsync(named.JobId);
        Assert.AreEqual(12_345, completed!.VariantCount);
        Assert.AreEqual("Trio, chromosome 7", completed.JobName);
        Assert.IsNull((await adapters.Jobs.GetAsync(unnamed.JobId))!.VariantCount, "a completion without a count stores none");
        var listed = (await adapters.Jobs.ListByUserAsync(named.UserId, 10)).Jobs.Single();
        Assert.AreEqual(completed, listed, "the list carries the name and count too");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task SearchesAUsersJobsByNameOrFileNameIgnoringCase(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        const string user = "searching-user";
        var trio = new JobBuilder(user).Named("Trio Exome").WithInput("family.vcf").SubmittedAt(1_000).Build();
        var tumour = new JobBuilder(user).Named("Tumour").WithInput("TRIO_tumour.vcf.gz").SubmittedAt(2_000).Build();
        var other = new JobBuilder(user).WithInput("control.vcf").SubmittedAt(3_000).Build();
        var percent = new JobBuilder(user).WithInput("50%.vcf").SubmittedAt(500).Build();
        var someoneElses = new JobBuilder("someone-else").Named("trio").WithInput("trio.vcf").SubmittedAt(4_000).Build();
        foreach (var job in new[] { trio, tumour, other, percent, someoneElses })
        {
            await adapters.Jobs.CreateAsync(job);
        }

        async Task<string[]> Ids(string text) =>
            (await adapters.Jobs.SearchByUserAsync(user, text, 10)).Jobs.Select(j => j.JobId).ToArray();

        CollectionAssert.AreEqual(new[] { tumour.JobId, trio.JobId }, await Ids("trio"), "the name or the file name, newest first");
        CollectionAssert.AreEqual(new[] { tumour.JobId, trio.JobId }, await Ids("  TRIO "), "case and surrounding spaces do not matter");
        CollectionAssert.AreEqual(new[] { other.JobId }, await Ids("control.v"));
        CollectionAssert.AreEqual(new[] { trio.JobId }, await Ids("exome"));
        CollectionAssert.AreEqual(new[] { percent.JobId }, await Ids("%"), "no wildcards: a percent sign is a percent sign");
        CollectionAssert.AreEqual(new[] { tumour.JobId }, await Ids("_"), "nor is an underscore one");
        Assert.IsEmpty(await Ids("nothing like it"));
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task PagesThroughSearchResultsWithoutLosingOrRepeatingAJob(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        const string user = "paging-searcher";
        var expected = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            // Every third job matches, so a page of matches needs several reads of the user's jobs.
            var job = new JobBuilder(user).WithInput(i % 3 == 0 ? $"match-{i}.vcf" : $"other-{i}.vcf").SubmittedAt(10_000 - i).Build();
            await adapters.Jobs.CreateAsync(job);
            if (i % 3 == 0)
            {
                expected.Add(job.JobId);
            }
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await adapters.Jobs.SearchByUserAsync(user, "MATCH", 3, token);
            Assert.IsLessThanOrEqualTo(3, page.Jobs.Count);
            seen.AddRange(page.Jobs.Select(j => j.JobId));
            token = page.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 10);

        CollectionAssert.AreEqual(expected, seen);
        Assert.AreEqual(2, pages, "four matches in pages of three; the last page carries no token");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task RejectsAMalformedPageToken(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);

        await Assert.ThrowsAsync<ArgumentException>(() => adapters.Jobs.ListByUserAsync("u", 10, "not a token"));
    }
}
