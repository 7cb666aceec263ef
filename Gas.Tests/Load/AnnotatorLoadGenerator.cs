using System.Diagnostics;
using Gas.Annotator.Load;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Load;

/// <summary>The load generator submits jobs exactly as the web tier does: an input, a PENDING job and one request each.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class AnnotatorLoadGenerator
{
    private EmbeddedServices _services = null!;

    [TestInitialize]
    public void SetUp() => _services = new EmbeddedServices(services => services.AddSingleton<LoadGenerator>());

    [TestCleanup]
    public void TearDown() => _services.Dispose();

    [TestMethod]
    public async Task CreatesOnePendingJobWithItsInputAndOneRequestPerJob()
    {
        var ids = await _services.Get<LoadGenerator>().SubmitAsync(count: 12, users: 3);

        Assert.HasCount(12, ids);
        Assert.HasCount(12, ids.Distinct());
        var inputs = _services.Get<IOptions<StorageOptions>>().Value.InputsBucket;
        foreach (var id in ids)
        {
            var job = await _services.Provider.GetJob(id);
            Assert.AreEqual(JobStatus.Pending, job.Status);
            Assert.AreEqual(inputs, job.InputsBucket);
            Assert.AreEqual("load.vcf", job.InputFileName);
            Assert.AreEqual($"{job.UserId}/{id}~load.vcf", job.InputKey);
            Assert.AreEqual(_services.Clock.GetUtcNow().ToUnixTimeSeconds(), job.SubmitTime);
            Assert.IsNotNull(await _services.Get<IObjectStore>().HeadAsync(inputs, job.InputKey), $"input of {id}");
        }

        var messaging = _services.Get<IOptions<MessagingOptions>>().Value;
        var queue = _services.Get<SqliteQueue>();
        Assert.AreEqual(12, queue.Count(messaging.JobRequestsQueue));
        var received = await queue.ReceiveAsync(messaging.JobRequestsQueue, 10, TimeSpan.Zero);
        received = [.. received, .. await queue.ReceiveAsync(messaging.JobRequestsQueue, 10, TimeSpan.Zero)];
        var requested = received.Select(m => MessageJson.Deserialize<JobRequest>(m.Body)).ToList();
        CollectionAssert.AreEquivalent(ids.ToList(), requested.Select(r => r.JobId).ToList());
        foreach (var request in requested)
        {
            var job = await _services.Provider.GetJob(request.JobId);
            Assert.AreEqual(JobRequest.For(job), request);
        }
    }

    [TestMethod]
    public async Task SpreadsTheJobsEvenlyOverTheTestUsers()
    {
        var ids = await _services.Get<LoadGenerator>().SubmitAsync(count: 10, users: 4);

        var perUser = new Dictionary<string, int>();
        foreach (var id in ids)
        {
            var user = (await _services.Provider.GetJob(id)).UserId;
            perUser[user] = perUser.GetValueOrDefault(user) + 1;
        }

        CollectionAssert.AreEquivalent(new[] { "load-user-001", "load-user-002", "load-user-003", "load-user-004" }, perUser.Keys.ToArray());
        Assert.IsTrue(perUser.Values.All(n => n is 2 or 3), string.Join(", ", perUser));
        var page = await _services.Get<IJobStore>().ListByUserAsync("load-user-001", 10);
        Assert.HasCount(3, page.Jobs);
    }

    [TestMethod]
    public async Task WaitingGivesUpAtTheTimeoutAndCountsTheUnfinishedJobs()
    {
        var generator = _services.Get<LoadGenerator>();
        var startedAt = Stopwatch.GetTimestamp();
        var ids = await generator.SubmitAsync(2, 1);

        // Nothing annotates here, so every job stays PENDING.
        var report = await generator.WaitAsync(ids, startedAt, Stopwatch.GetElapsedTime(startedAt), TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(50));

        Assert.AreEqual(2, report.Submitted);
        Assert.AreEqual(2, report.Unfinished);
        Assert.IsFalse(report.AllCompleted);
        Assert.IsGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300), report.Elapsed);
    }

    [TestMethod]
    public async Task CountsFailedJobsApartFromCompletedOnes()
    {
        var generator = _services.Get<LoadGenerator>();
        var startedAt = Stopwatch.GetTimestamp();
        var ids = await generator.SubmitAsync(3, 1);
        var store = _services.Get<IJobStore>();
        var now = _services.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.IsTrue(await store.TryFailAsync(ids[0], "bad input", now));
        foreach (var id in ids.Skip(1))
        {
            Assert.IsTrue(await store.TryClaimAsync(id, now, now + 60));
            Assert.IsTrue(await store.TryCompleteAsync(id, new JobOutputs("gas-results", id + ".annot.vcf", id + ".log"), now));
        }

        var report = await generator.WaitAsync(ids, startedAt, TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));

        Assert.AreEqual((3, 2, 1, 0), (report.Submitted, report.Completed, report.Failed, report.Unfinished));
        Assert.IsFalse(report.AllCompleted);
    }

    [TestMethod]
    public void SyntheticInputsAreSortedSmallAndReproducible()
    {
        var text = System.Text.Encoding.ASCII.GetString(SyntheticVcf.Create(seed: 7));

        Assert.AreEqual(text, System.Text.Encoding.ASCII.GetString(SyntheticVcf.Create(seed: 7)));
        Assert.StartsWith("##fileformat=VCFv4.2\n", text);
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        Assert.IsTrue(rows.Count is > 0 and <= 20);
        Assert.IsTrue(rows.All(r => r.Length == 8 && r[3] != r[4] && "ACGT".Contains(r[3], StringComparison.Ordinal)));
        var order = rows.Select(r => (int.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        CollectionAssert.AreEqual(order.Order().ToList(), order);
        Assert.IsLessThan(2048, text.Length);
    }
}
