using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Microsoft.Extensions.Options;

namespace Gas.ClusterKill;

/// <summary>One email as maildev keeps it.</summary>
public sealed record Mail(string Subject, string To, string MessageId);

/// <summary>A queue's three counts: waiting, in flight (received, not deleted) and delayed.</summary>
public sealed record QueueDepth(string Queue, int Visible, int InFlight, int Delayed)
{
    public bool IsEmpty => Visible + InFlight + Delayed == 0;
    public override string ToString() => $"{Queue}: {Visible} waiting, {InFlight} in flight, {Delayed} delayed";
}

/// <summary>Reads the cluster's state straight from the emulators: the job table, the buckets, the queues, maildev, the logs.</summary>
public sealed partial class Evidence(ClusterLayout layout, RunSettings run) : IDisposable
{
    private readonly IAmazonDynamoDB _dynamo = layout.Clients.CreateDynamoDb();
    private readonly IAmazonSQS _sqs = layout.Clients.CreateSqs();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<JobResult> _published = [];

    public IAmazonS3 S3 { get; } = layout.Clients.CreateS3();

    private DynamoDbJobStore Store => new(_dynamo, Options.Create(new AwsOptions { Region = ClusterLayout.Region, JobsTable = layout.JobsTable }));

    /// <summary>Every result the cluster published on its results topic, read from the audit queue so far.</summary>
    public IReadOnlyList<JobResult> Published => _published;

    /// <summary>Creates the audit queue and subscribes it to the results topic (after provisioning created the topic).</summary>
    public async Task SubscribeAuditQueueAsync(CancellationToken ct)
    {
        var url = (await _sqs.CreateQueueAsync(layout.AuditQueue, ct)).QueueUrl;
        var arn = (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"], ct)).Attributes["QueueArn"];
        var sns = AwsServiceCollectionExtensions.CreateSnsClient(layout.Clients);
        var topic = await sns.CreateTopicAsync(layout.ResultsTopic, ct);
        await sns.SubscribeAsync(topic, "sqs", arn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" }, ct);
    }

    /// <summary>Moves what the audit queue holds into <see cref="Published"/>.</summary>
    public async Task ReadAuditQueueAsync(CancellationToken ct)
    {
        var url = (await _sqs.GetQueueUrlAsync(layout.AuditQueue, ct)).QueueUrl;
        while (true)
        {
            var messages = (await _sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, ct)).Messages ?? [];
            if (messages.Count == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                _published.Add(MessageJson.Deserialize<JobResult>(message.Body));
                await _sqs.DeleteMessageAsync(url, message.ReceiptHandle, ct);
            }
        }
    }

    /// <summary>Every job in the table (a Scan: fine for an audit, never done by GAS itself).</summary>
    public async Task<IReadOnlyList<AnnotationJob>> JobsAsync(CancellationToken ct)
    {
        var ids = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _dynamo.ScanAsync(new ScanRequest { TableName = layout.JobsTable, ProjectionExpression = "job_id", ExclusiveStartKey = start }, ct);
            ids.AddRange((page.Items ?? []).Select(item => item["job_id"].S));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        var jobs = new List<AnnotationJob>();
        foreach (var id in ids)
        {
            if (await Store.GetAsync(id, ct) is { } job)
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }

    public async Task<IReadOnlyList<string>> KeysAsync(string bucket, CancellationToken ct)
    {
        var keys = new List<string>();
        string? token = null;
        do
        {
            var page = await S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token }, ct);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);

        return keys;
    }

    public async Task<IReadOnlyList<QueueDepth>> QueuesAsync(CancellationToken ct)
    {
        var depths = new List<QueueDepth>();
        foreach (var queue in layout.GasQueues)
        {
            var url = (await _sqs.GetQueueUrlAsync(queue, ct)).QueueUrl;
            var attributes = (await _sqs.GetQueueAttributesAsync(url,
                ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"], ct)).Attributes;
            int Count(string name) => int.Parse(attributes.GetValueOrDefault(name, "0"), CultureInfo.InvariantCulture);
            depths.Add(new QueueDepth(queue, Count("ApproximateNumberOfMessages"), Count("ApproximateNumberOfMessagesNotVisible"),
                Count("ApproximateNumberOfMessagesDelayed")));
        }

        return depths;
    }

    /// <summary>
    /// The emails maildev holds for this run's users (its REST API). Under scripts/test.sh maildev is the test suite's,
    /// so it also holds the end-to-end tests' mail, which is none of this run's business.
    /// </summary>
    public async Task<IReadOnlyList<Mail>> MailsAsync(CancellationToken ct)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(new Uri(run.MaildevApi, "/api/email"), ct));
        return document.RootElement.EnumerateArray().Select(mail => new Mail(
            mail.TryGetProperty("subject", out var subject) ? subject.GetString() ?? "" : "",
            mail.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array
                ? string.Join(",", to.EnumerateArray().Select(a => a.TryGetProperty("address", out var address) ? address.GetString() : ""))
                : "",
            MessageIdOf(mail))).Where(mail => mail.To.EndsWith("@" + UserDomain, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The domain of the run's users' addresses (<c>cluster-001-…@cluster.test</c>).</summary>
    public const string UserDomain = "cluster.test";

    /// <summary>The Message-ID header without its angle brackets (maildev keeps it among the headers, names lower-cased).</summary>
    private static string MessageIdOf(JsonElement mail) =>
        mail.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object &&
        headers.TryGetProperty("message-id", out var id) && id.ValueKind == JsonValueKind.String
            ? (id.GetString() ?? "").Trim().Trim('<', '>')
            : "";

    /// <summary>The job a notification email is about, from its subject ("GAS: annotation job ID is complete" / "… failed").</summary>
    public static string? JobOf(Mail mail) => JobSubjectPattern().Match(mail.Subject) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>
    /// How often each job's "Job ID completed" line appears in the annotators' logs (across every restart). The annotator
    /// writes it right after its conditional RUNNING→COMPLETED update succeeded, so a kill can lose the line but never
    /// make a second one: two lines for one job would be two successful completions.
    /// </summary>
    public static IReadOnlyDictionary<string, int> CompletionLines(IEnumerable<GasProcess> annotators)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var annotator in annotators)
        {
            using var reader = new StreamReader(new FileStream(annotator.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            foreach (Match match in CompletedLinePattern().Matches(reader.ReadToEnd()))
            {
                counts[match.Groups[1].Value] = counts.GetValueOrDefault(match.Groups[1].Value) + 1;
            }
        }

        return counts;
    }

    public void Dispose()
    {
        _dynamo.Dispose();
        _sqs.Dispose();
        S3.Dispose();
        _http.Dispose();
    }

    [GeneratedRegex(@"annotation job ([0-9a-f-]{36}) (is complete|failed)")]
    private static partial Regex JobSubjectPattern();

    [GeneratedRegex(@"Job ([0-9a-f-]{36}) completed")]
    private static partial Regex CompletedLinePattern();
}
