using Gas.Core.Jobs;
using Gas.Tests.Support;

namespace Gas.Tests.Contracts;

/// <summary>The list's narrow read: the same jobs, order, pages and tokens as the full read, with only what a list shows.</summary>
public sealed partial class JobStoreContract
{
    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ListItemsAreTheFullListsJobsPageForPageWithTheSameTokens(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        const string user = "item-lister";
        var jobs = Enumerable.Range(0, 5).Select(i => new JobBuilder(user).Named(i % 2 == 0 ? $"Named {i}" : null).SubmittedAt(1_000 + i).Build()).ToList();
        foreach (var job in jobs)
        {
            await adapters.Jobs.CreateAsync(job);
        }

        await adapters.Jobs.CreateAsync(new JobBuilder("someone-else").SubmittedAt(9_000).Build());
        await adapters.Jobs.TryClaimAsync(jobs[0].JobId, 100, 200);
        await adapters.Jobs.TryCompleteAsync(jobs[0].JobId, Outputs with { Variants = 42, Notes = "Reference: a note the list never shows" }, 300);
        await adapters.Jobs.TryClaimAsync(jobs[1].JobId, 100, 200);
        await adapters.Jobs.TryFailAsync(jobs[1].JobId, "bad header", 300);
        await adapters.Jobs.TryClaimAsync(jobs[2].JobId, 100, 200);
        await adapters.Jobs.TryCompleteAsync(jobs[2].JobId, Outputs, 300);
        await adapters.Jobs.TryBeginArchiveAsync(jobs[2].JobId, "archive-2", null);
        await adapters.Jobs.TryMarkArchivedAsync(jobs[2].JobId, "archive-2");
        await adapters.Jobs.TryClaimAsync(jobs[3].JobId, 100, 200);
        await adapters.Jobs.TryCompleteAsync(jobs[3].JobId, Outputs, 300);
        await adapters.Jobs.TryBeginArchiveAsync(jobs[3].JobId, "archive-3", null);
        await adapters.Jobs.TryMarkArchivedAsync(jobs[3].JobId, "archive-3");
        await adapters.Jobs.TryMarkRestoringAsync(jobs[3].JobId, "archive-3", "Expedited", 400);

        var seen = new List<JobListItem>();
        string? token = null;
        var pages = 0;
        do
        {
            var items = await adapters.Jobs.ListItemsByUserAsync(user, null, 2, token);
            var full = await adapters.Jobs.ListByUserAsync(user, 2, token);
            CollectionAssert.AreEqual(full.Jobs.Select(JobListItem.Of).ToList(), items.Items.ToList(), $"page {pages + 1}");
            Assert.AreEqual(full.NextPageToken, items.NextPageToken);
            seen.AddRange(items.Items);
            token = items.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.AreEqual(3, pages);
        CollectionAssert.AreEqual(jobs.Select(j => j.JobId).Reverse().ToList(), seen.Select(i => i.JobId).ToList());
        var byId = seen.ToDictionary(i => i.JobId);
        Assert.AreEqual(42, byId[jobs[0].JobId].VariantCount);
        Assert.AreEqual(300, byId[jobs[0].JobId].CompleteTime);
        Assert.AreEqual("Named 0", byId[jobs[0].JobId].JobName);
        Assert.AreEqual(JobStatus.Failed, byId[jobs[1].JobId].Status);
        Assert.AreEqual(ArchiveState.Archived, byId[jobs[2].JobId].ArchiveState);
        Assert.AreEqual(ArchiveState.Restoring, byId[jobs[3].JobId].ArchiveState);
        Assert.AreEqual(JobStatus.Pending, byId[jobs[4].JobId].Status);
        Assert.IsEmpty((await adapters.Jobs.ListItemsByUserAsync("nobody", null, 10)).Items);
        await Assert.ThrowsAsync<ArgumentException>(() => adapters.Jobs.ListItemsByUserAsync(user, null, 10, "not a token"));
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ListItemsWithTextAreTheSearchsJobs(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        const string user = "item-searcher";
        for (var i = 0; i < 7; i++)
        {
            await adapters.Jobs.CreateAsync(new JobBuilder(user).WithInput(i % 2 == 0 ? $"Match-{i}.vcf" : $"other-{i}.vcf").SubmittedAt(5_000 - i).Build());
        }

        string? token = null;
        var pages = 0;
        var seen = 0;
        do
        {
            var items = await adapters.Jobs.ListItemsByUserAsync(user, " match ", 3, token);
            var full = await adapters.Jobs.SearchByUserAsync(user, " match ", 3, token);
            CollectionAssert.AreEqual(full.Jobs.Select(JobListItem.Of).ToList(), items.Items.ToList());
            Assert.AreEqual(full.NextPageToken, items.NextPageToken);
            seen += items.Items.Count;
            token = items.NextPageToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.AreEqual(4, seen);
        Assert.AreEqual(2, pages);
        Assert.HasCount(7, (await adapters.Jobs.ListItemsByUserAsync(user, "   ", 10)).Items, "blank text lists every job");
    }
}
