using Amazon.CDK;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace Gas.Deploy;

/// <summary>The three topics and the four queues they fan out to, each queue with its dead-letter queue.</summary>
public sealed class Messaging : Construct
{
    /// <summary>Deliveries before a message goes to its queue's DLQ.</summary>
    public const int MaxReceiveCount = 3;

    /// <summary>The archive queue holds a results message back for the free download window (5 minutes).</summary>
    public static readonly Duration ArchiveDelay = Duration.Seconds(300);

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

        Queue QueueWithDlq(string id, string name, Duration visibility, Duration? delay = null)
        {
            var dlq = new Queue(this, id + "Dlq", new QueueProps
            {
                QueueName = settings.Name(name) + "-dlq",
                RetentionPeriod = Duration.Days(14),
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
            });
            deadLetterQueues.Add(dlq);
            return new Queue(this, id, new QueueProps
            {
                QueueName = settings.Name(name),
                VisibilityTimeout = visibility,
                DeliveryDelay = delay,
                ReceiveMessageWaitTime = Duration.Seconds(20),
                RetentionPeriod = Duration.Days(4),
                Encryption = QueueEncryption.SQS_MANAGED,
                EnforceSSL = true,
                DeadLetterQueue = new DeadLetterQueue { Queue = dlq, MaxReceiveCount = MaxReceiveCount },
            });
        }

        Topic NewTopic(string id, string name) => new(this, id, new TopicProps { TopicName = settings.Name(name) });

        void Subscribe(Topic topic, Queue queue) =>
            topic.AddSubscription(new SqsSubscription(queue, new SqsSubscriptionProps { RawMessageDelivery = settings.RawMessageDelivery }));

        JobRequestsTopic = NewTopic("JobRequestsTopic", "gas-job-requests");
        JobResultsTopic = NewTopic("JobResultsTopic", "gas-job-results");
        RestoreTopic = NewTopic("RestoreTopic", "gas-restore");

        // The annotator extends the visibility while it works; five minutes covers a slow start.
        JobRequestsQueue = QueueWithDlq("JobRequestsQueue", "gas-job-requests", Duration.Minutes(5));
        ResultsNotifyQueue = QueueWithDlq("ResultsNotifyQueue", "gas-results-notify", Duration.Minutes(1));
        ResultsArchiveQueue = QueueWithDlq("ResultsArchiveQueue", "gas-results-archive", Duration.Minutes(2), ArchiveDelay);
        RestoreQueue = QueueWithDlq("RestoreQueue", "gas-restore", Duration.Minutes(2));
        DeadLetterQueues = deadLetterQueues;

        Subscribe(JobRequestsTopic, JobRequestsQueue);
        Subscribe(JobResultsTopic, ResultsNotifyQueue);
        Subscribe(JobResultsTopic, ResultsArchiveQueue);
        Subscribe(RestoreTopic, RestoreQueue);
    }
}
