namespace Gas.Core.Messaging;

/// <summary>Durable queues with visibility timeout, delayed delivery and a dead-letter queue.</summary>
public interface IQueue
{
    Task SendAsync(string queue, string body, TimeSpan? delay = null, CancellationToken ct = default);

    /// <summary>Long-polls up to <paramref name="wait"/> for visible messages and hides them for the queue's visibility timeout.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan wait, CancellationToken ct = default);

    /// <summary>Acknowledges a message; a stale receipt handle is ignored.</summary>
    Task DeleteAsync(string queue, string receiptHandle, CancellationToken ct = default);

    /// <summary>Hides a received message for <paramref name="timeout"/> from now (zero makes it visible again).</summary>
    Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan timeout, CancellationToken ct = default);
}

/// <summary>A received message; <see cref="ReceiveCount"/> counts deliveries including this one.</summary>
public sealed record QueueMessage(string MessageId, string Body, string ReceiptHandle, int ReceiveCount);

/// <summary>Publish-subscribe topics that fan out to queues.</summary>
public interface ITopic
{
    Task PublishAsync(string topic, string body, CancellationToken ct = default);
}
