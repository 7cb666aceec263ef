using System.Diagnostics;
using Gas.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util.Queues;

/// <summary>What a handler decided about one message.</summary>
public enum MessageDisposition
{
    /// <summary>Done: delete it.</summary>
    Handled,

    /// <summary>Not yet: leave it to reappear after its visibility timeout (or the delay the handler set).</summary>
    Later,
}

/// <summary>Long-polls one queue for a while and hands each message to a handler; a handler that throws leaves the message for redelivery.</summary>
public sealed class QueueDrain(IQueue queue, IOptions<UtilOptions> options, ILogger<QueueDrain> logger)
{
    public async Task<int> DrainAsync(string queueName, Func<QueueMessage, CancellationToken, Task<MessageDisposition>> handle, CancellationToken ct)
    {
        var handled = 0;
        var clock = Stopwatch.StartNew();
        var duration = options.Value.DrainDuration;
        while (!ct.IsCancellationRequested && clock.Elapsed < duration)
        {
            var wait = duration - clock.Elapsed;
            var messages = await queue.ReceiveAsync(queueName, 10, wait < TimeSpan.FromSeconds(20) ? wait : TimeSpan.FromSeconds(20), ct);
            foreach (var message in messages)
            {
                try
                {
                    if (await handle(message, ct) == MessageDisposition.Handled)
                    {
                        await queue.DeleteAsync(queueName, message.ReceiptHandle, ct);
                        handled++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Message {MessageId} on {Queue} failed (delivery {Count}); it will be redelivered", message.MessageId, queueName, message.ReceiveCount);
                }
            }
        }

        return handled;
    }

    /// <summary>Hides a message until it is worth looking at again.</summary>
    public Task DeferAsync(string queueName, QueueMessage message, TimeSpan delay, CancellationToken ct) =>
        queue.ChangeVisibilityAsync(queueName, message.ReceiptHandle, delay, ct);
}
