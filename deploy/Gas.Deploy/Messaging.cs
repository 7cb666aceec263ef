using Amazon.CDK;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Gas.Core.Configuration;
using Gas.Core.Messaging;

namespace Gas.Deploy;

/// <summary>
/// The three topics and the four queues they fan out to, each queue with its dead-letter queue. Names, fan-out, redrive
/// and raw delivery are the application's own (<see cref="MessagingOptions"/>, <see cref="MessagingLayout"/>), so the
/// stack and <c>aws provision</c> cannot disagree; only the timings are the deployment's.
/// </summary>
public sealed class Messaging : Construct
{
    /// <summary>The application's defaults: names (before the prefix) and which queues each topic feeds.</summary>
    public static readonly MessagingOptions Layout = new();

    private static readonly IReadOnlyDictionary<string, QueueSettings> QueueDefaults = Layout.EffectiveQueues(new RetentionOptions());

    /// <summary>Deliveries before a message goes to its queue's DLQ.</summary>
    public static int MaxReceiveCount => QueueDefaults[Layout.JobRequestsQueue].MaxReceiveCount;

    /// <summary>The archive queue holds a results message back for the free download window (5 minutes).</summary>
    public static Duration ArchiveDelay => Duration.Seconds(QueueDefaults[Layout.ResultsArchiveQueue].DelaySeconds);

    public Topic JobRequestsTopic { get; }
    public Topic JobResultsTopic { get; }
    public Topic RestoreTopic { get; }

    public Queue JobRequestsQueue { get; }
    public Queue ResultsNotifyQueue { get; }
    public Queue ResultsArchiveQueue { get; }
    public Queue RestoreQueue { get; }

    /// <summary>The DLQs, for the util tier's drain that marks dead jobs FAILED.</summary>
    public IReadOnlyList<Queue> DeadLetterQueues { get; }

    public Messaging(Construct scope, string id, GasSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var deadLetterQueues = new List<Queue>();

        Queue QueueWithDlq(string id, string name, Duration visibility)
        {
            var defaults = QueueDefaults[name];
            var dlq = new Queue(this, id + "Dlq", new QueueProps
            {
                QueueName = settings.Name(defaults.DeadLetterQueue!),
                RetentionPeriod = Duration.Days(14),
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
            });
            deadLetterQueues.Add(dlq);
            return new Queue(this, id, new QueueProps
            {
                QueueName = settings.Name(name),
                VisibilityTimeout = visibility,
                DeliveryDelay = defaults.DelaySeconds > 0 ? Duration.Seconds(defaults.DelaySeconds) : null,
                ReceiveMessageWaitTime = Duration.Seconds(20),
                RetentionPeriod = Duration.Days(4),
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
                DeadLetterQueue = new DeadLetterQueue { Queue = dlq, MaxReceiveCount = defaults.MaxReceiveCount },
            });
        }

        Topic NewTopic(string id, string name) => new(this, id, new TopicProps { TopicName = settings.Name(name) });

        JobRequestsTopic = NewTopic("JobRequestsTopic", Layout.JobRequestsTopic);
        JobResultsTopic = NewTopic("JobResultsTopic", Layout.JobResultsTopic);
        RestoreTopic = NewTopic("RestoreTopic", Layout.RestoreTopic);

        // The annotator extends the visibility while it works; five minutes covers a slow start.
        JobRequestsQueue = QueueWithDlq("JobRequestsQueue", Layout.JobRequestsQueue, Duration.Minutes(5));
        ResultsNotifyQueue = QueueWithDlq("ResultsNotifyQueue", Layout.ResultsNotifyQueue, Duration.Minutes(1));
        ResultsArchiveQueue = QueueWithDlq("ResultsArchiveQueue", Layout.ResultsArchiveQueue, Duration.Minutes(2));
        RestoreQueue = QueueWithDlq("RestoreQueue", Layout.RestoreQueue, Duration.Minutes(2));
        DeadLetterQueues = deadLetterQueues;

        var topics = new Dictionary<string, Topic>
        {
            [Layout.JobRequestsTopic] = JobRequestsTopic,
            [Layout.JobResultsTopic] = JobResultsTopic,
            [Layout.RestoreTopic] = RestoreTopic,
        };
        var queues = new Dictionary<string, Queue>
        {
            [Layout.JobRequestsQueue] = JobRequestsQueue,
            [Layout.ResultsNotifyQueue] = ResultsNotifyQueue,
            [Layout.ResultsArchiveQueue] = ResultsArchiveQueue,
            [Layout.RestoreQueue] = RestoreQueue,
        };
        foreach (var (topic, fedQueues) in Layout.Subscriptions())
        {
            foreach (var queue in fedQueues)
            {
                topics[topic].AddSubscription(new SqsSubscription(queues[queue],
                    new SqsSubscriptionProps { RawMessageDelivery = MessagingLayout.RawMessageDelivery }));
            }
        }
    }
}
