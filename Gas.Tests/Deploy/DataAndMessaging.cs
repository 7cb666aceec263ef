using Amazon.CDK.Assertions;
using static Gas.Tests.Deploy.SynthesizedEnvironment;

namespace Gas.Tests.Deploy;

[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed class DataAndMessaging
{
    [TestMethod]
    public void NetworkSpansTwoAvailabilityZones()
    {
        var subnets = Resources("AWS::EC2::Subnet").ToList();
        Assert.HasCount(6, subnets, "public, app and data subnets in each of two AZs");
        var zones = subnets.Select(subnet => subnet.Properties["AvailabilityZone"]!.ToJsonString()).Distinct().ToList();
        Assert.HasCount(2, zones);
    }

    [TestMethod]
    public void BucketsArePrivateEncryptedAndPrefixed()
    {
        var buckets = Resources("AWS::S3::Bucket").ToList();
        Assert.HasCount(3, buckets);
        foreach (var (_, bucket) in buckets)
        {
            var block = bucket["PublicAccessBlockConfiguration"]!;
            Assert.IsTrue((bool?)block["BlockPublicAcls"]);
            Assert.IsTrue((bool?)block["RestrictPublicBuckets"]);
            Assert.IsNotNull(bucket["BucketEncryption"]);
        }
        var names = buckets.Select(bucket => bucket.Properties["BucketName"]!.ToJsonString()).ToList();
        foreach (var expected in new[] { "test-gas-inputs-", "test-gas-results-", "test-gas-archive-" })
        {
            Assert.IsTrue(names.Any(name => name.Contains(expected, StringComparison.Ordinal)), expected);
        }
    }

    [TestMethod]
    public void ArchiveObjectsLandInTheGlacierStorageClass() =>
        Synthesized.HasResourceProperties("AWS::S3::BucketPolicy", new Dictionary<string, object>
        {
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Sid"] = "ObjectsLandInGlacier",
                    ["Effect"] = "Deny",
                    ["Action"] = "s3:PutObject",
                    ["Condition"] = new Dictionary<string, object>
                    {
                        ["StringNotEquals"] = new Dictionary<string, object> { ["s3:x-amz-storage-class"] = "GLACIER" },
                    },
                })]),
            }),
        });

    [TestMethod]
    public void JobsTableIsKeyedByJobWithTheUserSubmitTimeIndexAndTheSparseSweepIndex() =>
        Synthesized.HasResourceProperties("AWS::DynamoDB::Table", new Dictionary<string, object>
        {
            ["TableName"] = "test-gas-annotations",
            ["KeySchema"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = "job_id", ["KeyType"] = "HASH" } },
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["AttributeDefinitions"] = Match.ArrayWith([
                new Dictionary<string, object> { ["AttributeName"] = "job_id", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "user_id", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "submit_time", ["AttributeType"] = "N" },
                new Dictionary<string, object> { ["AttributeName"] = "sweep_mark", ["AttributeType"] = "S" },
                new Dictionary<string, object> { ["AttributeName"] = "sweep_time", ["AttributeType"] = "N" },
            ]),
            ["GlobalSecondaryIndexes"] = new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["IndexName"] = "user_id_submit_time_index",
                    ["KeySchema"] = new object[]
                    {
                        new Dictionary<string, object> { ["AttributeName"] = "user_id", ["KeyType"] = "HASH" },
                        new Dictionary<string, object> { ["AttributeName"] = "submit_time", ["KeyType"] = "RANGE" },
                    },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                }),
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["IndexName"] = "sweep_mark_sweep_time_index",
                    ["KeySchema"] = new object[]
                    {
                        new Dictionary<string, object> { ["AttributeName"] = "sweep_mark", ["KeyType"] = "HASH" },
                        new Dictionary<string, object> { ["AttributeName"] = "sweep_time", ["KeyType"] = "RANGE" },
                    },
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "ALL" },
                }),
            },
        });

    [TestMethod]
    [DataRow("test-gas-job-requests")]
    [DataRow("test-gas-results-notify")]
    [DataRow("test-gas-results-archive")]
    [DataRow("test-gas-restore-requests")]
    public void EveryQueueDeadLettersAfterThreeReceives(string queueName)
    {
        var (_, queue) = ResourceWith("AWS::SQS::Queue", "QueueName", queueName);
        var redrive = queue["RedrivePolicy"]!;
        Assert.AreEqual(3, (int?)redrive["maxReceiveCount"]);
        var dlq = ResourceWith("AWS::SQS::Queue", "QueueName", queueName + "-dlq").Id;
        Assert.AreEqual(dlq, ReferencedId(redrive["deadLetterTargetArn"]));
    }

    [TestMethod]
    public void ArchiveQueueHoldsResultsBackForTheFiveMinuteFreeWindow()
    {
        Assert.AreEqual(300, (int?)ResourceWith("AWS::SQS::Queue", "QueueName", "test-gas-results-archive").Properties["DelaySeconds"]);
        Assert.IsNull(ResourceWith("AWS::SQS::Queue", "QueueName", "test-gas-results-notify").Properties["DelaySeconds"]);
    }

    [TestMethod]
    [DataRow("test-gas-job-requests", "test-gas-job-requests")]
    [DataRow("test-gas-job-results", "test-gas-results-notify")]
    [DataRow("test-gas-job-results", "test-gas-results-archive")]
    [DataRow("test-gas-restore-requests", "test-gas-restore-requests")]
    public void TopicFansOutToItsQueues(string topicName, string queueName)
    {
        var topic = ResourceWith("AWS::SNS::Topic", "TopicName", topicName).Id;
        var queue = ResourceWith("AWS::SQS::Queue", "QueueName", queueName).Id;
        Assert.IsTrue(Resources("AWS::SNS::Subscription").Any(subscription =>
            (string?)subscription.Properties["Protocol"] == "sqs"
            && ReferencedId(subscription.Properties["TopicArn"]) == topic
            && ReferencedId(subscription.Properties["Endpoint"]) == queue));
    }

    [TestMethod]
    public void ThereAreExactlyTheFourSubscriptions() => Synthesized.ResourceCountIs("AWS::SNS::Subscription", 4);

    [TestMethod]
    public void PostgresIsPrivateEncryptedAndKeepsItsCredentialsInSecretsManager()
    {
        var (_, database) = Resources("AWS::RDS::DBInstance").Single();
        Assert.AreEqual("postgres", (string?)database["Engine"]);
        Assert.AreEqual("gas", (string?)database["DBName"]);
        Assert.IsFalse((bool?)database["PubliclyAccessible"]);
        Assert.IsTrue((bool?)database["StorageEncrypted"]);
        Assert.Contains("resolve:secretsmanager", database["MasterUserPassword"]!.ToJsonString());
        Synthesized.HasResourceProperties("AWS::SecretsManager::Secret", new Dictionary<string, object>
        {
            ["Name"] = "test-gas-db-credentials",
            ["GenerateSecretString"] = Match.ObjectLike(new Dictionary<string, object> { ["GenerateStringKey"] = "password" }),
        });
    }

    [TestMethod]
    public void PostgresTakes5432FromTheWebAndUtilInstancesOnly()
    {
        var (database, group) = ResourceWith("AWS::EC2::SecurityGroup", "GroupName", "test-gas-db");
        Assert.IsNull(group["SecurityGroupIngress"]);
        var sources = Resources("AWS::EC2::SecurityGroupIngress")
            .Where(rule => ReferencedId(rule.Properties["GroupId"]) == database)
            .Select(rule =>
            {
                Assert.AreEqual(5432, (int?)rule.Properties["FromPort"]);
                Assert.AreEqual(5432, (int?)rule.Properties["ToPort"]);
                return ReferencedId(rule.Properties["SourceSecurityGroupId"]);
            })
            .Order()
            .ToList();
        CollectionAssert.AreEquivalent(
            new[] { WebFarm.SecurityGroupId("test-gas-web"), WebFarm.SecurityGroupId("test-gas-util") },
            sources);
    }
}
