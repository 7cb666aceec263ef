using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Messaging;
using Gas.Tests.Support;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Embedded;

/// <summary>
/// Embedded-queue rules on a fake clock (the contract suite covers what both families share, on real time):
/// stale receipt handles, and the archive queue's delay of one free window.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class QueueSemantics
{
    private const string Queue = "gas-job-requests";

    private static EmbeddedServices NewServices() => new(settings: new Dictionary<string, string?>
    {
        [$"Gas:Messaging:Queues:{Queue}:VisibilityTimeoutSeconds"] = "10",
        [$"Gas:Messaging:Queues:{Queue}:MaxReceiveCount"] = "2",
        [$"Gas:Messaging:Queues:{Queue}:DeadLetterQueue"] = Queue + "-dlq",
    });

    [TestMethod]
    public async Task AStaleReceiptHandleDeletesNothing()
    {
        using var services = NewServices();
        var queue = services.Get<IQueue>();
        await queue.SendAsync(Queue, "hello");

        var first = await queue.ReceiveAsync(Queue, 10, TimeSpan.Zero);
        Assert.HasCount(1, first);
        Assert.AreEqual(1, first[0].ReceiveCount);
        Assert.IsEmpty(await queue.ReceiveAsync(Queue, 10, TimeSpan.Zero));

        services.Clock.Advance(TimeSpan.FromSeconds(11));
        var second = await queue.ReceiveAsync(Queue, 10, TimeSpan.Zero);
        Assert.HasCount(1, second);
        Assert.AreEqual(2, second[0].ReceiveCount);

        await queue.DeleteAsync(Queue, first[0].ReceiptHandle);
        Assert.AreEqual(1, services.Get<SqliteQueue>().Count(Queue), "a stale receipt handle deletes nothing");
        await queue.DeleteAsync(Queue, second[0].ReceiptHandle);
        Assert.AreEqual(0, services.Get<SqliteQueue>().Count(Queue));
    }

    [TestMethod]
    public async Task TheArchiveQueueDelaysDeliveryByTheFreeWindow()
    {
        using var services = NewServices();
        var messaging = services.Get<IOptions<MessagingOptions>>().Value;
        await services.Get<ITopic>().PublishAsync(messaging.JobResultsTopic, "done");

        Assert.HasCount(1, await services.Get<IQueue>().ReceiveAsync(messaging.ResultsNotifyQueue, 1, TimeSpan.Zero));
        Assert.IsEmpty(await services.Get<IQueue>().ReceiveAsync(messaging.ResultsArchiveQueue, 1, TimeSpan.Zero));
        services.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.HasCount(1, await services.Get<IQueue>().ReceiveAsync(messaging.ResultsArchiveQueue, 1, TimeSpan.Zero));
    }
}
