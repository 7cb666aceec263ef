using System.Collections.Concurrent;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Gas.Core.Messaging;

namespace Gas.Core.Aws;

/// <summary>
/// Queues on SQS. Visibility timeout, default delay and the redrive to a dead-letter queue are queue attributes set at
/// provisioning (<see cref="AwsResourceProvisioner"/>); this adapter only sends, long-polls, acknowledges and hides.
/// </summary>
public sealed class SqsQueue(IAmazonSQS sqs) : IQueue
{
    private const int MaxBatch = 10;
    private const int MaxWaitSeconds = 20;

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _urls = new(StringComparer.Ordinal);

    public async Task SendAsync(string queue, string body, TimeSpan? delay = null, CancellationToken ct = default)
    {
        var request = new SendMessageRequest { QueueUrl = await UrlAsync(queue, ct), MessageBody = body };
        if (delay is { } d)
        {
            request.DelaySeconds = (int)Math.Clamp(Math.Ceiling(d.TotalSeconds), 0, 900);
        }

        await sqs.SendMessageAsync(request, ct);
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan wait, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = await UrlAsync(queue, ct),
            MaxNumberOfMessages = Math.Min(maxMessages, MaxBatch),
            WaitTimeSeconds = (int)Math.Clamp(Math.Ceiling(wait.TotalSeconds), 0, MaxWaitSeconds),
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        }, ct);

        return (response.Messages ?? []).Select(m => new QueueMessage(
            m.MessageId,
            m.Body,
            m.ReceiptHandle,
            m.Attributes is { } attributes && attributes.TryGetValue("ApproximateReceiveCount", out var count)
                ? int.Parse(count, CultureInfo.InvariantCulture)
                : 1)).ToList();
    }

    public async Task DeleteAsync(string queue, string receiptHandle, CancellationToken ct = default)
    {
        try
        {
            await sqs.DeleteMessageAsync(await UrlAsync(queue, ct), receiptHandle, ct);
        }
        catch (Exception e) when (IsStaleReceipt(e))
        {
            // Already deleted, or redelivered under a newer receipt: nothing left to acknowledge.
        }
    }

    public async Task ChangeVisibilityAsync(string queue, string receiptHandle, TimeSpan timeout, CancellationToken ct = default)
    {
        try
        {
            await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest
            {
                QueueUrl = await UrlAsync(queue, ct),
                ReceiptHandle = receiptHandle,
                VisibilityTimeout = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 0, 43200),
            }, ct);
        }
        catch (Exception e) when (IsStaleReceipt(e))
        {
            // The message was deleted or is no longer in flight under this receipt, as the embedded queue ignores it too.
        }
    }

    /// <summary>The queue's URL, looked up once per name (a failed lookup is retried next time).</summary>
    public async Task<string> UrlAsync(string queue, CancellationToken ct = default)
    {
        var lazy = _urls.GetOrAdd(queue, name => new Lazy<Task<string>>(async () =>
            (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, CancellationToken.None)).QueueUrl));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _urls.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(queue, lazy));
            throw;
        }
    }

    private static bool IsStaleReceipt(Exception e) =>
        e is ReceiptHandleIsInvalidException or MessageNotInflightException
        || (e is AmazonSQSException sqsError && sqsError.ErrorCode is "ReceiptHandleIsInvalid" or "InvalidParameterValue" or "MessageNotInflight");
}
