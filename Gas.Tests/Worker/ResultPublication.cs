using Gas.Annotator.Worker;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Worker;

/// <summary>
/// A finished job's result reaches the results topic even when the worker dies between finishing the job and publishing
/// (a publish made to fail once stands in for the kill): the request comes back, and the redelivery publishes it.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ResultPublication
{
    private EmbeddedServices _services = null!;
    private FailingTopic _topic = null!;

    [TestInitialize]
    public void SetUp() => _services = new EmbeddedServices(services =>
        services.AddSingleton<ITopic>(sp => _topic = new FailingTopic(ActivatorUtilities.CreateInstance<EmbeddedTopic>(sp))));

    [TestCleanup]
    public void TearDown() => _services.Dispose();

    private MessagingOptions Messaging => _services.Get<IOptions<MessagingOptions>>().Value;

    [TestMethod]
    public async Task AResultWhosePublishFailedOnAFailingTopicDoubleIsPublishedWhenTheRequestComesBack()
    {
        var job = new JobBuilder().Build();
        await using (var input = File.OpenRead(Paths.Sample("test.vcf")))
        {
            await _services.Get<IObjectStore>().PutAsync(job.InputsBucket, job.InputKey, input, "text/plain");
        }

        await _services.Get<IJobStore>().CreateAsync(job);
        var queue = _services.Get<IQueue>();
        await queue.SendAsync(Messaging.JobRequestsQueue, MessageJson.Serialize(JobRequest.For(job)));
        var runner = _services.Get<JobRunner>();
        _ = _services.Get<ITopic>();
        _topic.FailNextPublishTo(Messaging.JobResultsTopic);

        var first = await queue.ReceiveAsync(Messaging.JobRequestsQueue, 1, TimeSpan.Zero);
        Assert.AreEqual(RunOutcome.Retry, await runner.RunAsync(first[0], CancellationToken.None));
        Assert.AreEqual(1, _topic.Failures);
        var completed = await _services.Get<IJobStore>().GetAsync(job.JobId);
        Assert.AreEqual(JobStatus.Completed, completed!.Status, "the job completed before the publish failed");
        Assert.IsFalse(completed.ResultPublished);
        Assert.AreEqual(0, _services.Get<SqliteQueue>().Count(Messaging.ResultsNotifyQueue), "nothing published yet");

        _services.Clock.Advance(TimeSpan.FromSeconds(61));
        var again = await queue.ReceiveAsync(Messaging.JobRequestsQueue, 1, TimeSpan.Zero);
        Assert.HasCount(1, again, "the request was not acknowledged, so it comes back");
        Assert.AreEqual(RunOutcome.Duplicate, await runner.RunAsync(again[0], CancellationToken.None));

        var notify = await queue.ReceiveAsync(Messaging.ResultsNotifyQueue, 10, TimeSpan.Zero);
        Assert.HasCount(1, notify, "the redelivery published the result");
        var result = MessageJson.Deserialize<JobResult>(notify[0].Body);
        Assert.AreEqual((job.JobId, "COMPLETED", completed.CompleteTime), (result.JobId, result.Status, (long?)result.CompleteTime));
        Assert.IsTrue((await _services.Get<IJobStore>().GetAsync(job.JobId))!.ResultPublished);
        Assert.AreEqual(0, _services.Get<SqliteQueue>().Count(Messaging.JobRequestsQueue), "and the request is acknowledged");
    }
}
