using System.Text.Json.Nodes;
using static Gas.Tests.Deploy.SynthesizedEnvironment;

namespace Gas.Tests.Deploy;

/// <summary>Least privilege: each tier's role can do what that tier does and nothing else.</summary>
[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed class InstanceRoles
{
    [TestMethod]
    [DataRow("Web")]
    [DataRow("Annotator")]
    [DataRow("Util")]
    public void NoStatementGrantsEverythingOrEverywhere(string tier)
    {
        foreach (var statement in Statements(tier))
        {
            foreach (var action in Strings(statement["Action"]))
            {
                Assert.IsFalse(action == "*" || action.EndsWith(":*", StringComparison.Ordinal), $"{tier}: {action}");
            }
            foreach (var resource in statement["Resource"] is JsonArray many ? many.ToList() : [statement["Resource"]])
            {
                Assert.AreNotEqual("\"*\"", resource!.ToJsonString(), $"{tier}: {statement.ToJsonString()}");
            }
        }
    }

    [TestMethod]
    [DataRow("Web")]
    [DataRow("Annotator")]
    [DataRow("Util")]
    public void HasNoManagedPoliciesUnlessSessionManagerIsAskedFor(string tier) =>
        Assert.IsNull(Role(tier)["ManagedPolicyArns"]);

    [TestMethod]
    public void WebCreatesJobsAndPublishesRequestsAndRestoresButNeverTouchesTheArchive()
    {
        var actions = Actions("Web");
        CollectionAssert.IsSubsetOf(
            new[] { "s3:PutObject", "dynamodb:PutItem", "dynamodb:Query", "sns:Publish", "secretsmanager:GetSecretValue" },
            actions);
        CollectionAssert.DoesNotContain(actions, "s3:RestoreObject");
        CollectionAssert.DoesNotContain(actions, "s3:DeleteObject");
        CollectionAssert.DoesNotContain(actions, "sqs:ReceiveMessage");
        CollectionAssert.DoesNotContain(actions, "dynamodb:Scan");
        Assert.IsFalse(ReferencedIds("Web").Any(id => id.StartsWith("DataArchive", StringComparison.Ordinal)));
        CollectionAssert.AreEquivalent(
            new[] { TopicId("test-gas-job-requests"), TopicId("test-gas-restore-requests") },
            PublishTargets("Web"));
    }

    [TestMethod]
    public void AnnotatorReadsInputsWritesResultsAndSeesNoSecrets()
    {
        var actions = Actions("Annotator");
        CollectionAssert.IsSubsetOf(new[] { "s3:GetObject", "s3:PutObject", "dynamodb:UpdateItem", "sqs:ReceiveMessage", "sns:Publish" }, actions);
        Assert.IsFalse(actions.Any(action => action.StartsWith("secretsmanager:", StringComparison.Ordinal)));
        CollectionAssert.DoesNotContain(actions, "dynamodb:PutItem");
        CollectionAssert.DoesNotContain(actions, "s3:DeleteObject");
        Assert.IsFalse(ReferencedIds("Annotator").Any(id => id.StartsWith("DataArchive", StringComparison.Ordinal)));
        CollectionAssert.AreEquivalent(new[] { TopicId("test-gas-job-results") }, PublishTargets("Annotator"));
        var consumed = ConsumedQueues("Annotator");
        CollectionAssert.AreEquivalent(new[] { QueueId("test-gas-job-requests") }, consumed);
    }

    [TestMethod]
    public void UtilArchivesRestoresAndDrainsTheResultsRestoreAndDeadLetterQueues()
    {
        var actions = Actions("Util");
        CollectionAssert.IsSubsetOf(new[] { "s3:RestoreObject", "s3:DeleteObject", "dynamodb:Scan", "secretsmanager:GetSecretValue" }, actions);
        Assert.IsEmpty(PublishTargets("Util"));
        CollectionAssert.AreEquivalent(
            new[]
            {
                QueueId("test-gas-results-notify"), QueueId("test-gas-results-archive"), QueueId("test-gas-restore-requests"),
                QueueId("test-gas-job-requests-dlq"), QueueId("test-gas-results-notify-dlq"),
                QueueId("test-gas-results-archive-dlq"), QueueId("test-gas-restore-requests-dlq"),
            },
            ConsumedQueues("Util"));
        var restore = Statements("Util").Single(statement => Strings(statement["Action"]).Contains("s3:RestoreObject"));
        Assert.Contains("DataArchive", restore["Resource"]!.ToJsonString());
    }

    [TestMethod]
    [DataRow("Web")]
    [DataRow("Annotator")]
    [DataRow("Util")]
    public void ReadsOnlyThisReleaseFromTheArtifactBucket(string tier)
    {
        var statement = Statements(tier).Single(statement => (string?)statement["Sid"] == "ReadPublishedBuild");
        Assert.AreEqual("s3:GetObject", (string?)statement["Action"]);
        Assert.Contains(":s3:::gas-artifacts-example/releases/2026-11-01/*", statement["Resource"]!.ToJsonString());
    }

    private static JsonObject Role(string tier) =>
        Resources("AWS::IAM::Role").Single(role => role.Id.StartsWith(tier + "Role", StringComparison.Ordinal)).Properties;

    private static List<JsonObject> Statements(string tier)
    {
        var roleId = Resources("AWS::IAM::Role").Single(role => role.Id.StartsWith(tier + "Role", StringComparison.Ordinal)).Id;
        return Resources("AWS::IAM::Policy")
            .Where(policy => policy.Properties["Roles"]!.AsArray().Any(role => ReferencedId(role) == roleId))
            .SelectMany(policy => policy.Properties["PolicyDocument"]!["Statement"]!.AsArray())
            .Select(statement => statement!.AsObject())
            .ToList();
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray many => many.Select(item => (string)item!),
        JsonValue one => [(string)one!],
        _ => [],
    };

    private static List<string> Actions(string tier) => Statements(tier).SelectMany(statement => Strings(statement["Action"])).Distinct().ToList();

    private static List<string> ReferencedIds(string tier) => Statements(tier)
        .SelectMany(statement => statement["Resource"] is JsonArray many ? many.ToList() : [statement["Resource"]])
        .Select(resource => resource!.ToJsonString())
        .SelectMany(text => System.Text.RegularExpressions.Regex.Matches(text, "\"(Data[A-Za-z0-9]+|Messaging[A-Za-z0-9]+)\"").Select(match => match.Groups[1].Value))
        .ToList();

    private static List<string?> PublishTargets(string tier) => Statements(tier)
        .Where(statement => Strings(statement["Action"]).Contains("sns:Publish"))
        .Select(statement => ReferencedId(statement["Resource"]))
        .ToList();

    private static List<string?> ConsumedQueues(string tier) => Statements(tier)
        .Where(statement => Strings(statement["Action"]).Contains("sqs:ReceiveMessage"))
        .Select(statement => ReferencedId(statement["Resource"]))
        .ToList();

    private static string TopicId(string name) => ResourceWith("AWS::SNS::Topic", "TopicName", name).Id;

    private static string QueueId(string name) => ResourceWith("AWS::SQS::Queue", "QueueName", name).Id;
}
