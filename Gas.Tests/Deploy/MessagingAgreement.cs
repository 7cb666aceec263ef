using System.Text.RegularExpressions;
using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Deploy;
using Microsoft.Extensions.Configuration;
using static Gas.Tests.Deploy.SynthesizedEnvironment;
using CdkMatch = Amazon.CDK.Assertions.Match;

namespace Gas.Tests.Deploy;

/// <summary>
/// The stack and the application agree: the topic → queue map the template builds is the one the application computes
/// from the names the stack hands it, with the application's defaults and raw delivery (as <c>aws provision</c> does);
/// the inputs bucket expires what the application leaves tagged pending; the web tier trusts forwarded headers from the
/// VPC only.
/// </summary>
[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed partial class MessagingAgreement
{
    [TestMethod]
    public void TheSynthesizedFanOutIsTheOneTheApplicationComputesFromItsConfiguration()
    {
        var messaging = WebTierConfiguration().GetSection(MessagingOptions.Section).Get<MessagingOptions>()!;
        var expected = messaging.Subscriptions()
            .SelectMany(pair => pair.Value.Select(queue => $"{pair.Key} -> {queue}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        var synthesized = Resources("AWS::SNS::Subscription")
            .Select(s => $"{NameOf(s.Properties["TopicArn"], "TopicName")} -> {NameOf(s.Properties["Endpoint"], "QueueName")}")
            .Order(StringComparer.Ordinal)
            .ToList();

        CollectionAssert.AreEqual(expected, synthesized, string.Join("\n", synthesized));
    }

    [TestMethod]
    public void EveryNameIsTheApplicationsDefaultUnderThePrefix()
    {
        var defaults = new MessagingOptions();
        var configured = WebTierConfiguration().GetSection(MessagingOptions.Section).Get<MessagingOptions>()!;
        foreach (var property in typeof(MessagingOptions).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            Assert.AreEqual(Prefix + property.GetValue(defaults), property.GetValue(configured), property.Name);
        }

        foreach (var (name, settings) in defaults.EffectiveQueues(new RetentionOptions()).Where(q => q.Value.DeadLetterQueue is not null))
        {
            var (_, queue) = ResourceWith("AWS::SQS::Queue", "QueueName", Prefix + name);
            Assert.AreEqual(settings.MaxReceiveCount, (int?)queue["RedrivePolicy"]!["maxReceiveCount"], name);
            Assert.AreEqual(ResourceWith("AWS::SQS::Queue", "QueueName", Prefix + settings.DeadLetterQueue).Id,
                ReferencedId(queue["RedrivePolicy"]!["deadLetterTargetArn"]), name);
        }
    }

    [TestMethod]
    public void EverySubscriptionDeliversRawBodiesAsAwsProvisionDoes()
    {
        var subscriptions = Resources("AWS::SNS::Subscription").ToList();
        Assert.HasCount(4, subscriptions);
        foreach (var (id, subscription) in subscriptions)
        {
            Assert.AreEqual(MessagingLayout.RawMessageDelivery, (bool?)subscription["RawMessageDelivery"], id);
        }
    }

    [TestMethod]
    public void TheRawDeliverySettingIsNoLongerAccepted()
    {
        var context = Context();
        context["gas:rawMessageDelivery"] = "false";
        var app = NewApp(context);

        var error = Assert.ThrowsExactly<ArgumentException>(() => GasSettings.FromContext(app.Node));

        StringAssert.Contains(error.Message, "gas:rawMessageDelivery");
    }

    [TestMethod]
    public void TheInputsBucketExpiresUploadsStillTaggedPendingAfterADay() =>
        Synthesized.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["BucketName"] = CdkMatch.AnyValue(),
            ["LifecycleConfiguration"] = CdkMatch.ObjectLike(new Dictionary<string, object>
            {
                ["Rules"] = CdkMatch.ArrayWith([CdkMatch.ObjectLike(new Dictionary<string, object>
                {
                    ["Id"] = "expire-unclaimed-uploads",
                    ["Status"] = "Enabled",
                    ["ExpirationInDays"] = UnclaimedUploads.ExpiryDays,
                    ["TagFilters"] = new object[]
                    {
                        new Dictionary<string, object> { ["Key"] = UnclaimedUploads.TagKey, ["Value"] = UnclaimedUploads.PendingTag },
                    },
                })]),
            }),
        });

    [TestMethod]
    public void OnlyTheInputsBucketHasTheRule()
    {
        var withRule = Resources("AWS::S3::Bucket")
            .Where(b => b.Properties["LifecycleConfiguration"]?.ToJsonString().Contains("expire-unclaimed-uploads", StringComparison.Ordinal) == true)
            .Select(b => b.Properties["BucketName"]!.ToJsonString())
            .ToList();

        Assert.HasCount(1, withRule);
        Assert.Contains("test-gas-inputs-", withRule[0]);
    }

    [TestMethod]
    public void TheWebRoleMayTagInputsToClaimThem()
    {
        var statement = Resources("AWS::IAM::Policy")
            .Where(p => p.Id.StartsWith("WebRole", StringComparison.Ordinal))
            .SelectMany(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray())
            .Single(s => (string?)s!["Sid"] == "Inputs")!;

        Assert.Contains("s3:PutObjectTagging", statement["Action"]!.ToJsonString());
        Assert.Contains("DataInputs", statement["Resource"]!.ToJsonString());
    }

    [TestMethod]
    public void TheWebTierBelievesForwardedHeadersFromTheVpcOnly()
    {
        var vpc = Resources("AWS::EC2::VPC").Single();
        Assert.Contains($"Gas__Web__KnownNetworks__0=\"{{ref:{vpc.Id}.CidrBlock}}\"", UserData("test-gas-web"));
        Assert.AreEqual("10.20.0.0/16", (string?)vpc.Properties["CidrBlock"]);
    }

    /// <summary>The web tier's <c>Gas__*</c> environment, each CloudFormation reference resolved to the name it points at.</summary>
    private static IConfiguration WebTierConfiguration()
    {
        var values = new Dictionary<string, string?>();
        foreach (Match line in EnvironmentLine().Matches(UserData("test-gas-web")))
        {
            var value = line.Groups["value"].Value;
            var reference = ReferenceValue().Match(value);
            if (reference.Success)
            {
                var (_, properties) = Resources(reference.Groups["type"].Value == "TopicName" ? "AWS::SNS::Topic" : "AWS::SQS::Queue")
                    .Single(r => r.Id == reference.Groups["id"].Value);
                value = (string?)properties[reference.Groups["type"].Value] ?? value;
            }

            values[line.Groups["key"].Value.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static string NameOf(System.Text.Json.Nodes.JsonNode? reference, string property)
    {
        var id = ReferencedId(reference);
        return (string?)Json["Resources"]![id!]!["Properties"]![property] ?? throw new AssertFailedException($"{id} has no {property}");
    }

    [GeneratedRegex("^(?<key>Gas__Messaging__[A-Za-z]+)=\"(?<value>[^\"]*)\"$", RegexOptions.Multiline)]
    private static partial Regex EnvironmentLine();

    [GeneratedRegex(@"^\{ref:(?<id>[A-Za-z0-9]+)\.(?<type>TopicName|QueueName)\}$")]
    private static partial Regex ReferenceValue();
}
