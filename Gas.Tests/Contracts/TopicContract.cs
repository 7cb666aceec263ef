using Gas.Core.Messaging;
using Gas.Tests.Support;

namespace Gas.Tests.Contracts;

[TestClass]
[TestCategory("Contract")]
public sealed class TopicContract
{
    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task FansAMessageOutToEverySubscribedQueueUnwrapped(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var body = MessageJson.Serialize(new JobResult("job-1", "user-1", "COMPLETED", 1_700_000_000));

        await adapters.Topic.PublishAsync(adapters.Messaging.JobResultsTopic, body);

        foreach (var queue in new[] { adapters.Messaging.ResultsNotifyQueue, adapters.Messaging.ResultsArchiveQueue })
        {
            var received = await adapters.Queue.ReceiveAsync(queue, 10, QueueContract.LongPoll);
            Assert.HasCount(1, received, queue);
            Assert.AreEqual(body, received[0].Body, "raw delivery: the body as published, no SNS envelope");
            Assert.AreEqual("job-1", MessageJson.Deserialize<JobResult>(received[0].Body).JobId);
        }

        Assert.IsEmpty(await adapters.Queue.ReceiveAsync(adapters.Messaging.JobRequestsQueue, 10, TimeSpan.Zero), "other topics' queues get nothing");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task DeliversJobRequestsToTheAnnotatorQueue(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var job = new JobBuilder().Build();

        await adapters.Topic.PublishAsync(adapters.Messaging.JobRequestsTopic, MessageJson.Serialize(JobRequest.For(job)));

        var received = await adapters.Queue.ReceiveAsync(adapters.Messaging.JobRequestsQueue, 10, QueueContract.LongPoll);
        Assert.HasCount(1, received);
        Assert.AreEqual(JobRequest.For(job), MessageJson.Deserialize<JobRequest>(received[0].Body));
    }
}
