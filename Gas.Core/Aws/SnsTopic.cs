using Gas.Core.Messaging;

namespace Gas.Core.Aws;

/// <summary>Topics on SNS; each topic's SQS subscriptions (raw delivery) are made at provisioning.</summary>
public sealed class SnsTopic(SnsQueryClient sns) : ITopic
{
    public async Task PublishAsync(string topic, string body, CancellationToken ct = default) =>
        await sns.PublishAsync(await sns.TopicArnAsync(topic, ct), body, ct);
}
