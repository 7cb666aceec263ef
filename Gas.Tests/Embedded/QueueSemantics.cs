using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Messaging;
using Gas.Tests.Support;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Embedded;

/// <summary>The embedded queue keeps SQS's rules: visibility timeout, delivery delay, redrive to the DLQ, fan-out.</summary>
[TestClass]
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
    public async Task AReceivedMessageStaysHiddenUntilItsVisibilityTimeoutEnds()
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
    public async Task AMessageReceivedTooOftenMovesToTheDeadLetterQueue()
    {
        using var services = NewServices();
        var queue = services.Get<IQueue>();
        await queue.SendAsync(Queue, "poison");
        for (var i = 0; i < 2; i++)
        {
            Assert.HasCount(1, await queue.ReceiveAsync(Queue, 1, TimeSpan.Zero));
            services.Clock.Advance(TimeSpan.FromSeconds(11));
        }

        Assert.IsEmpty(await queue.ReceiveAsync(Queue, 1, TimeSpan.Zero));
        var dead = await queue.ReceiveAsync(Queue + "-dlq", 1, TimeSpan.Zero);
        Assert.HasCount(1, dead);
        Assert.AreEqual("poison", dead[0].Body);
    }

    [TestMethod]
    public async Task DelayedAndInvisibleMessagesComeBackWhenTheirTimeComes()
    {
        using var services = NewServices();
        var queue = services.Get<IQueue>();
        await queue.SendAsync(Queue, "later", TimeSpan.FromMinutes(5));
        Assert.IsEmpty(await queue.ReceiveAsync(Queue, 1, TimeSpan.Zero));
        services.Clock.Advance(TimeSpan.FromMinutes(5));
        var received = await queue.ReceiveAsync(Queue, 1, TimeSpan.Zero);
        Assert.HasCount(1, received);

        await queue.ChangeVisibilityAsync(Queue, received[0].ReceiptHandle, TimeSpan.Zero);
        Assert.HasCount(1, await queue.ReceiveAsync(Queue, 1, TimeSpan.Zero), "visibility zero releases it at once");
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
    public async Task LongPollingReturnsAsSoonAsAMessageArrives()
    {
        using var services = NewServices();
        var queue = services.Get<IQueue>();
        var waiting = queue.ReceiveAsync(Queue, 1, TimeSpan.FromSeconds(20));
        await Task.Delay(100);
        Assert.IsFalse(waiting.IsCompleted);
        await queue.SendAsync(Queue, "wake");
        var received = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.HasCount(1, received);
    }
}
