using System.Diagnostics;
using Gas.Core.Configuration;
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
public sealed class QueueDrain(
    IQueue queue,
    IOptions<UtilOptions> options,
    IOptions<MessagingOptions> messaging,
    IOptions<RetentionOptions> retention,
    ILogger<QueueDrain> logger)
{
    /// <summary>
    /// Drains a queue's dead-letter queue with the queue's own (idempotent) handler. A message lands there after its
    /// delivery limit, which a util process killed while holding it uses up as surely as a poison message does; so each
    /// dead letter is handled once more, and one that cannot even be read is dropped with an error. The handler is told
    /// the dead-letter queue's name, to defer a message there.
    /// </summary>
    public Task<int> DrainDeadLettersAsync(string queueName, Func<string, QueueMessage, CancellationToken, Task<MessageDisposition>> handle,
        CancellationToken ct)
    {
        var deadLetters = messaging.Value.EffectiveQueues(retention.Value).GetValueOrDefault(queueName)?.DeadLetterQueue;
        return string.IsNullOrEmpty(deadLetters) ? Task.FromResult(0) : DrainAsync(deadLetters, async (message, token) =>
        {
            try
            {
                return await handle(deadLetters, message, token);
            }
            catch (System.Text.Json.JsonException e)
            {
                logger.LogError(e, "Dropping unreadable dead letter {MessageId} on {Queue}: {Body}", message.MessageId, deadLetters, message.Body);
                return MessageDisposition.Handled;
            }
        }, ct);
    }

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
