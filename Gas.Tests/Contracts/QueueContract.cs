using System.Diagnostics;

namespace Gas.Tests.Contracts;

[TestClass]
[TestCategory("Contract")]
public sealed class QueueContract
{
    /// <summary>SQS's longest receive wait; a receive returns as soon as a message is there, so it costs a passing test nothing.</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PastVisibility = TimeSpan.FromSeconds(AdapterFamily.VisibilitySeconds + 0.3);

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task DeliversAMessageAndForgetsItOnceDeleted(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var queue = adapters.Messaging.JobRequestsQueue;

        await adapters.Queue.SendAsync(queue, "{\"job_id\":\"1\"}");
        var received = await adapters.Queue.ReceiveAsync(queue, 10, LongPoll);

        Assert.HasCount(1, received);
        Assert.AreEqual("{\"job_id\":\"1\"}", received[0].Body);
        Assert.AreEqual(1, received[0].ReceiveCount);
        await adapters.Queue.DeleteAsync(queue, received[0].ReceiptHandle);
        await Task.Delay(PastVisibility);
        Assert.IsEmpty(await adapters.Queue.ReceiveAsync(queue, 10, TimeSpan.Zero));
        await adapters.Queue.DeleteAsync(queue, received[0].ReceiptHandle);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task HidesAReceivedMessageUntilItsVisibilityTimeoutThenRedelivers(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var queue = adapters.Messaging.ResultsNotifyQueue;
        await adapters.Queue.SendAsync(queue, "again");

        var first = await adapters.Queue.ReceiveAsync(queue, 1, LongPoll);
        Assert.IsEmpty(await adapters.Queue.ReceiveAsync(queue, 1, TimeSpan.Zero), "hidden while in flight");
        await Task.Delay(PastVisibility);
        var second = await adapters.Queue.ReceiveAsync(queue, 1, LongPoll);

        Assert.HasCount(1, first);
        Assert.HasCount(1, second);
        Assert.AreEqual(first[0].MessageId, second[0].MessageId);
        Assert.AreEqual("again", second[0].Body);
        Assert.AreEqual(2, second[0].ReceiveCount);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ExtendsOrEndsVisibilityOnRequest(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var queue = adapters.Messaging.JobRequestsQueue;
        await adapters.Queue.SendAsync(queue, "busy");

        var received = (await adapters.Queue.ReceiveAsync(queue, 1, LongPoll))[0];
        await adapters.Queue.ChangeVisibilityAsync(queue, received.ReceiptHandle, TimeSpan.FromMinutes(5));
        await Task.Delay(PastVisibility);
        Assert.IsEmpty(await adapters.Queue.ReceiveAsync(queue, 1, TimeSpan.Zero), "extended while the worker is busy");

        await adapters.Queue.ChangeVisibilityAsync(queue, received.ReceiptHandle, TimeSpan.Zero);
        var again = await adapters.Queue.ReceiveAsync(queue, 1, LongPoll);
        Assert.HasCount(1, again, "zero makes it visible at once");
        Assert.AreEqual(received.MessageId, again[0].MessageId);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task DelaysDeliveryWhenAskedTo(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var queue = adapters.Messaging.ResultsArchiveQueue;
        var delay = TimeSpan.FromSeconds(AdapterFamily.VisibilitySeconds);
        var clock = Stopwatch.StartNew();

        await adapters.Queue.SendAsync(queue, "later", delay);
        Assert.IsEmpty(await adapters.Queue.ReceiveAsync(queue, 1, TimeSpan.Zero));
        var received = await adapters.Queue.ReceiveAsync(queue, 1, LongPoll);

        Assert.HasCount(1, received);
        // A lower bound only: a busy machine makes it later, never earlier. (Allow for the emulator's whole-second clock.)
        Assert.IsGreaterThanOrEqualTo(delay - TimeSpan.FromSeconds(1), clock.Elapsed);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task LongPollingReturnsAsSoonAsAMessageArrives(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var queue = adapters.Messaging.RestoreQueue;
        var clock = Stopwatch.StartNew();

        var receiving = adapters.Queue.ReceiveAsync(queue, 1, LongPoll);
        await Task.Delay(500);
        await adapters.Queue.SendAsync(queue, "now");
        var received = await receiving;

        Assert.HasCount(1, received);
        // Not a speed limit: a receive that waited out its whole wait would take the full 20 s; arriving takes 0.5 s here.
        Assert.IsLessThan(LongPoll, clock.Elapsed, "the long poll returned when the message arrived, not when its wait ran out");
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task MovesAMessageToTheDeadLetterQueueAfterMaxReceiveCountDeliveries(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var queue = adapters.Messaging.JobRequestsQueue;
        var deadLetters = queue + "-dlq";
        await adapters.Queue.SendAsync(queue, "poison");

        for (var delivery = 1; delivery <= AdapterFamily.MaxReceiveCount; delivery++)
        {
            var received = await adapters.Queue.ReceiveAsync(queue, 1, LongPoll);
            Assert.HasCount(1, received, $"delivery {delivery}");
            Assert.AreEqual(delivery, received[0].ReceiveCount);
            await Task.Delay(PastVisibility);
        }

        Assert.IsEmpty(await adapters.Queue.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(1)), "no third delivery");
        var dead = await adapters.Queue.ReceiveAsync(deadLetters, 1, LongPoll);
        Assert.HasCount(1, dead);
        Assert.AreEqual("poison", dead[0].Body);
    }
}
