using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Messaging</c>: topic and queue names, and how each queue behaves.</summary>
public sealed class MessagingOptions : IValidatableObject
{
    public const string Section = "Gas:Messaging";

    [Required] public string JobRequestsTopic { get; set; } = "gas-job-requests";
    [Required] public string JobResultsTopic { get; set; } = "gas-job-results";
    [Required] public string RestoreTopic { get; set; } = "gas-restore-requests";
    [Required] public string JobRequestsQueue { get; set; } = "gas-job-requests";
    [Required] public string ResultsNotifyQueue { get; set; } = "gas-results-notify";
    [Required] public string ResultsArchiveQueue { get; set; } = "gas-results-archive";
    [Required] public string RestoreQueue { get; set; } = "gas-restore-requests";

    /// <summary>Per-queue settings for queues this process creates (embedded) or provisions (aws).</summary>
    [ValidateEnumeratedItems]
    public Dictionary<string, QueueSettings> Queues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Settings for a queue the application does not use would be silently ignored: refuse them (a misspelt name).</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var known = QueueNames.SelectMany(name => new[] { name, name + "-dlq" })
            .Concat(Queues.Values.Select(q => q.DeadLetterQueue).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in Queues.Keys.Where(name => !known.Contains(name)))
        {
            yield return new ValidationResult(
                $"{Section}:Queues:{name} names no queue GAS uses (misspelt?); the queues are {string.Join(", ", QueueNames)} and their dead-letter queues.",
                [nameof(Queues)]);
        }
    }

    private string[] QueueNames => [JobRequestsQueue, ResultsNotifyQueue, ResultsArchiveQueue, RestoreQueue];

    /// <summary>Every queue the application uses, with its configured or default settings.</summary>
    public IReadOnlyDictionary<string, QueueSettings> EffectiveQueues(RetentionOptions retention)
    {
        var result = new Dictionary<string, QueueSettings>(StringComparer.Ordinal);
        foreach (var name in QueueNames)
        {
            var defaults = new QueueSettings
            {
                DeadLetterQueue = name + "-dlq",
                // SQS caps DelaySeconds at 15 minutes; longer windows rely on the archive sweep.
                DelaySeconds = name == ResultsArchiveQueue ? Jobs.FreeWindow.Of(retention).ArchiveQueueDelaySeconds : 0,
            };
            result[name] = Queues.TryGetValue(name, out var configured) ? configured : defaults;
            var dlq = result[name].DeadLetterQueue;
            if (!string.IsNullOrEmpty(dlq))
            {
                result.TryAdd(dlq, new QueueSettings { MaxReceiveCount = 0, DeadLetterQueue = null });
            }
        }

        return result;
    }

    /// <summary>Topic → queues it fans out to.</summary>
    public IReadOnlyDictionary<string, string[]> Subscriptions() => new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [JobRequestsTopic] = [JobRequestsQueue],
        [JobResultsTopic] = [ResultsNotifyQueue, ResultsArchiveQueue],
        [RestoreTopic] = [RestoreQueue],
    };
}
