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

    [TestMethod]
    public async Task ASendWakesTheWaiterOnItsOwnQueueAndNoOther()
    {
        using var services = NewServices();
        var messaging = services.Get<IOptions<MessagingOptions>>().Value;
        var queue = services.Get<SqliteQueue>();
        // No polling to fall back on: only the wake-up of a send can end these waits early.
        queue.PollInterval = TimeSpan.FromHours(1);
        var otherWaiter = queue.ReceiveAsync(messaging.ResultsNotifyQueue, 1, TimeSpan.FromSeconds(60));
        var waiter = queue.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(60));

        await queue.SendAsync(Queue, "for the annotator");

        var received = await waiter;
        Assert.HasCount(1, received, "the send woke the waiter on its queue");
        Assert.AreEqual("for the annotator", received[0].Body);
        Assert.IsFalse(otherWaiter.IsCompleted, "a send to another queue leaves this waiter waiting");
        await queue.SendAsync(messaging.ResultsNotifyQueue, "for the notifier");
        Assert.AreEqual("for the notifier", (await otherWaiter).Single().Body);
    }

    [TestMethod]
    public async Task EveryWaiterOnAQueueLooksAgainWhenAMessageArrives()
    {
        using var services = NewServices();
        var queue = services.Get<SqliteQueue>();
        queue.PollInterval = TimeSpan.FromHours(1);
        var waiters = Enumerable.Range(0, 3).Select(_ => queue.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(60))).ToList();

        for (var i = 0; i < waiters.Count; i++)
        {
            await queue.SendAsync(Queue, "message " + i);
        }

        var bodies = (await Task.WhenAll(waiters)).SelectMany(r => r).Select(m => m.Body).Order().ToList();
        CollectionAssert.AreEqual(new[] { "message 0", "message 1", "message 2" }, bodies);
    }

    [TestMethod]
    public async Task LookingAtAnEmptyQueueTakesNoWriteLock()
    {
        using var services = NewServices();
        var queue = services.Get<IQueue>();
        using var writer = services.Get<SqliteDatabase>().Open();
        using var transaction = writer.BeginTransaction(deferred: false);

        // Another writer holds the database's write lock; a receive on an empty queue must not wait for it.
        Assert.IsEmpty(await queue.ReceiveAsync(Queue, 10, TimeSpan.Zero));
        Assert.IsEmpty(await queue.ReceiveAsync(Queue, 10, TimeSpan.FromMilliseconds(50)));
    }

    [TestMethod]
    public async Task AMessageMovedToTheDeadLetterQueueWakesItsWaiter()
    {
        using var services = NewServices();
        var queue = services.Get<SqliteQueue>();
        queue.PollInterval = TimeSpan.FromHours(1);
        await queue.SendAsync(Queue, "poison");
        for (var delivery = 0; delivery < 2; delivery++)
        {
            Assert.HasCount(1, await queue.ReceiveAsync(Queue, 1, TimeSpan.Zero));
            services.Clock.Advance(TimeSpan.FromSeconds(11));
        }

        var deadLetterWaiter = queue.ReceiveAsync(Queue + "-dlq", 1, TimeSpan.FromSeconds(60));
        Assert.IsEmpty(await queue.ReceiveAsync(Queue, 1, TimeSpan.Zero), "the third receive moves the message instead");

        Assert.AreEqual("poison", (await deadLetterWaiter).Single().Body);
    }
}
