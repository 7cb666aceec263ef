using Gas.Core.Messaging;

namespace Gas.Tests.Support;

/// <summary>
/// The real topic, except that the next publish to a chosen topic fails: where a process would have been killed between
/// a step that took effect and the publish that should follow it.
/// </summary>
public sealed class FailingTopic(ITopic inner) : ITopic
{
    private string? _failNext;

    public int Failures { get; private set; }

    public void FailNextPublishTo(string topic) => _failNext = topic;

    public Task PublishAsync(string topic, string body, CancellationToken ct = default)
    {
        if (Interlocked.CompareExchange(ref _failNext, null, topic) == topic)
        {
            Failures++;
            throw new HttpRequestException($"(test) the process died before publishing to {topic}");
        }

        return inner.PublishAsync(topic, body, ct);
    }
}
