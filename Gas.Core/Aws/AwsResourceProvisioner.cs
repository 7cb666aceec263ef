using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gas.Core.Aws;

/// <summary>
/// Creates what GAS needs in an AWS account when it is absent, and brings queue settings and subscriptions up to date:
/// the jobs table and its user index, buckets, queues with dead-letter queues, topics and their raw-delivery SQS
/// subscriptions. Every step is idempotent, so running it twice is harmless.
/// </summary>
public sealed class AwsResourceProvisioner(
    IAmazonDynamoDB dynamo,
    IAmazonSQS sqs,
    IAmazonS3 s3,
    SnsQueryClient sns,
    IOptions<AwsOptions> aws,
    IOptions<StorageOptions> storage,
    IOptions<MessagingOptions> messaging,
    IOptions<RetentionOptions> retention,
    ILogger<AwsResourceProvisioner> logger)
{
    private const int DeadLetterRetentionSeconds = 14 * 24 * 3600;

    public async Task ProvisionAsync(CancellationToken ct = default)
    {
        await EnsureTableAsync(ct);
        foreach (var bucket in new[] { storage.Value.InputsBucket, storage.Value.ResultsBucket, storage.Value.ArchiveBucket }.Distinct(StringComparer.Ordinal))
        {
            await EnsureBucketAsync(bucket, ct);
        }

        var queueArns = await EnsureQueuesAsync(ct);
        foreach (var (topic, queues) in messaging.Value.Subscriptions())
        {
            var topicArn = await sns.CreateTopicAsync(topic, ct);
            logger.LogInformation("Topic {Topic}: {Arn}", topic, topicArn);
            foreach (var queue in queues)
            {
                await AllowTopicToSendAsync(queue, queueArns[queue], ct);
                var raw = MessagingLayout.RawMessageDelivery ? "true" : "false";
                await sns.SubscribeAsync(topicArn, "sqs", queueArns[queue], new Dictionary<string, string> { ["RawMessageDelivery"] = raw }, ct);
                logger.LogInformation("Subscribed queue {Queue} to topic {Topic} (raw delivery: {Raw})", queue, topic, raw);
            }
        }
    }

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        var table = aws.Value.JobsTable;
        try
        {
            var existing = await dynamo.DescribeTableAsync(table, ct);
            foreach (var index in new[] { aws.Value.UserIndex, aws.Value.SweepIndex })
            {
                if (!(existing.Table.GlobalSecondaryIndexes ?? []).Any(i => i.IndexName == index))
                {
                    throw new InvalidOperationException($"Table {table} exists without the index {index}; add it or choose another table name.");
                }
            }

            logger.LogInformation("Table {Table} exists", table);
            return;
        }
        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
        {
        }

        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new AttributeDefinition("job_id", ScalarAttributeType.S),
                new AttributeDefinition("user_id", ScalarAttributeType.S),
                new AttributeDefinition("submit_time", ScalarAttributeType.N),
                new AttributeDefinition("sweep_mark", ScalarAttributeType.S),
                new AttributeDefinition("sweep_time", ScalarAttributeType.N),
            ],
            KeySchema = [new KeySchemaElement("job_id", KeyType.HASH)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = aws.Value.UserIndex,
                    KeySchema = [new KeySchemaElement("user_id", KeyType.HASH), new KeySchemaElement("submit_time", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
                new GlobalSecondaryIndex
                {
                    // Sparse: only jobs the archive sweep may have to look at carry sweep_mark and sweep_time.
                    IndexName = aws.Value.SweepIndex,
                    KeySchema = [new KeySchemaElement("sweep_mark", KeyType.HASH), new KeySchemaElement("sweep_time", KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        }, ct);

        for (var attempt = 0; ; attempt++)
        {
            var status = (await dynamo.DescribeTableAsync(table, ct)).Table;
            if (status.TableStatus == TableStatus.ACTIVE && (status.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
            {
                break;
            }

            if (attempt > 300)
            {
                throw new TimeoutException($"Table {table} did not become active.");
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt < 10 ? 0.2 : 2), ct);
        }

        logger.LogInformation("Created table {Table} with index {Index}", table, aws.Value.UserIndex);
    }

    private async Task EnsureBucketAsync(string bucket, CancellationToken ct)
    {
        try
        {
            await s3.GetBucketLocationAsync(bucket, ct);
            logger.LogInformation("Bucket {Bucket} exists", bucket);
            return;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }

        var request = new PutBucketRequest { BucketName = bucket };
        if (aws.Value.Region != "us-east-1" && aws.Value.ServiceUrl is null && aws.Value.S3ServiceUrl is null)
        {
            request.BucketRegion = S3Region.FindValue(aws.Value.Region);
        }

        await s3.PutBucketAsync(request, ct);
        logger.LogInformation("Created bucket {Bucket}", bucket);
    }

    /// <summary>Dead-letter queues first (their ARNs go into the redrive policies), then the rest; returns name → ARN.</summary>
    private async Task<Dictionary<string, string>> EnsureQueuesAsync(CancellationToken ct)
    {
        var queues = messaging.Value.EffectiveQueues(retention.Value);
        var deadLetterNames = queues.Values.Select(q => q.DeadLetterQueue).Where(n => !string.IsNullOrEmpty(n)).ToHashSet(StringComparer.Ordinal);
        var arns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, settings) in queues.OrderBy(q => deadLetterNames.Contains(q.Key) ? 0 : 1))
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["VisibilityTimeout"] = Invariant(settings.VisibilityTimeoutSeconds),
                ["DelaySeconds"] = Invariant(settings.DelaySeconds),
            };
            if (deadLetterNames.Contains(name))
            {
                attributes["MessageRetentionPeriod"] = Invariant(DeadLetterRetentionSeconds);
            }

            if (settings is { MaxReceiveCount: > 0, DeadLetterQueue: { Length: > 0 } dlq })
            {
                var target = arns.TryGetValue(dlq, out var known) ? known : await QueueArnAsync(await EnsureQueueAsync(dlq, [], ct), ct);
                attributes["RedrivePolicy"] = new JsonObject
                {
                    ["deadLetterTargetArn"] = target,
                    ["maxReceiveCount"] = Invariant(settings.MaxReceiveCount),
                }.ToJsonString();
            }

            var url = await EnsureQueueAsync(name, attributes, ct);
            arns[name] = await QueueArnAsync(url, ct);
            logger.LogInformation("Queue {Queue}: visibility {Visibility}s, delay {Delay}s, dead letters to {Dlq} after {Max}",
                name, settings.VisibilityTimeoutSeconds, settings.DelaySeconds, settings.DeadLetterQueue ?? "-", settings.MaxReceiveCount);
        }

        return arns;
    }

    private async Task<string> EnsureQueueAsync(string name, Dictionary<string, string> attributes, CancellationToken ct)
    {
        try
        {
            var url = (await sqs.GetQueueUrlAsync(name, ct)).QueueUrl;
            if (attributes.Count > 0)
            {
                await sqs.SetQueueAttributesAsync(url, attributes, ct);
            }

            return url;
        }
        catch (QueueDoesNotExistException)
        {
            return (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, ct)).QueueUrl;
        }
    }

    private async Task<string> QueueArnAsync(string url, CancellationToken ct)
    {
        var response = await sqs.GetQueueAttributesAsync(url, ["QueueArn"], ct);
        return response.Attributes?.GetValueOrDefault("QueueArn") ?? throw new InvalidOperationException($"No ARN for queue {url}.");
    }

    /// <summary>SNS can only deliver to a queue whose policy lets the topics of this account send to it.</summary>
    private async Task AllowTopicToSendAsync(string queue, string queueArn, CancellationToken ct)
    {
        var topicArnPrefix = queueArn.Replace(":sqs:", ":sns:", StringComparison.Ordinal);
        topicArnPrefix = topicArnPrefix[..(topicArnPrefix.LastIndexOf(':') + 1)] + "*";
        var policy = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Sid"] = "AllowGasTopics",
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "sns.amazonaws.com" },
                ["Action"] = "sqs:SendMessage",
                ["Resource"] = queueArn,
                ["Condition"] = new JsonObject { ["ArnLike"] = new JsonObject { ["aws:SourceArn"] = topicArnPrefix } },
            }),
        };
        var url = (await sqs.GetQueueUrlAsync(queue, ct)).QueueUrl;
        await sqs.SetQueueAttributesAsync(url, new Dictionary<string, string> { ["Policy"] = policy.ToJsonString() }, ct);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
