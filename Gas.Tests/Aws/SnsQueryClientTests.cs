using System.Net;
using System.Web;
using Amazon.Runtime;
using Gas.Core.Aws;
using Gas.Core.Configuration;

namespace Gas.Tests.Aws;

/// <summary>SNS over its Query API, signed by AWSSDK.Core's SigV4 handler: the exact requests, and AWS's answers handled.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class SnsQueryClientTests
{
    private const string Ns = "http://sns.amazonaws.com/doc/2010-03-31/";
    private const string TopicArn = "arn:aws:sns:eu-west-1:123456789012:gas-job-results";

    [TestMethod]
    public async Task PublishesAsASignedFormPostToTheRegionalEndpoint()
    {
        var stub = new StubHandler((_, body) => body.Contains("Action=CreateTopic", StringComparison.Ordinal)
            ? StubHandler.Xml(HttpStatusCode.OK, $"<CreateTopicResponse xmlns=\"{Ns}\"><CreateTopicResult><TopicArn>{TopicArn}</TopicArn></CreateTopicResult></CreateTopicResponse>")
            : StubHandler.Xml(HttpStatusCode.OK, $"<PublishResponse xmlns=\"{Ns}\"><PublishResult><MessageId>m-1</MessageId></PublishResult></PublishResponse>"));
        var topic = new SnsTopic(Client(stub));

        await topic.PublishAsync("gas-job-results", "{\"job_id\":\"j & 1\"}");
        await topic.PublishAsync("gas-job-results", "second");

        var requests = stub.Requests.ToList();
        Assert.HasCount(3, requests, "one CreateTopic for the ARN, cached, then two Publishes");
        var (publish, body) = requests[1];
        Assert.AreEqual(HttpMethod.Post, publish.Method);
        Assert.AreEqual(new Uri("https://sns.eu-west-1.amazonaws.com/"), publish.RequestUri);
        var form = HttpUtility.ParseQueryString(body);
        Assert.AreEqual("Publish", form["Action"]);
        Assert.AreEqual("2010-03-31", form["Version"]);
        Assert.AreEqual(TopicArn, form["TopicArn"]);
        Assert.AreEqual("{\"job_id\":\"j & 1\"}", form["Message"]);
        var authorization = publish.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : "";
        StringAssert.StartsWith(authorization, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
        StringAssert.Contains(authorization, "/eu-west-1/sns/aws4_request");
        StringAssert.Contains(authorization, "Signature=");
        Assert.IsTrue(publish.Headers.Contains("X-Amz-Date"));
        Assert.AreEqual("gas-job-results", HttpUtility.ParseQueryString(requests[0].Body)["Name"]);
    }

    [TestMethod]
    public async Task SubscribesWithRawMessageDelivery()
    {
        var stub = new StubHandler((_, _) => StubHandler.Xml(HttpStatusCode.OK,
            $"<SubscribeResponse xmlns=\"{Ns}\"><SubscribeResult><SubscriptionArn>{TopicArn}:sub-1</SubscriptionArn></SubscribeResult></SubscribeResponse>"));

        var arn = await Client(stub).SubscribeAsync(TopicArn, "sqs", "arn:aws:sqs:eu-west-1:123456789012:gas-results-notify",
            new Dictionary<string, string> { ["RawMessageDelivery"] = "true" });

        Assert.AreEqual(TopicArn + ":sub-1", arn);
        var form = HttpUtility.ParseQueryString(stub.Requests.Single().Body);
        Assert.AreEqual("Subscribe", form["Action"]);
        Assert.AreEqual("sqs", form["Protocol"]);
        Assert.AreEqual("arn:aws:sqs:eu-west-1:123456789012:gas-results-notify", form["Endpoint"]);
        Assert.AreEqual("RawMessageDelivery", form["Attributes.entry.1.key"]);
        Assert.AreEqual("true", form["Attributes.entry.1.value"]);
    }

    [TestMethod]
    public async Task RaisesSnsErrorsWithTheirCode()
    {
        var stub = new StubHandler((_, _) => StubHandler.Xml(HttpStatusCode.NotFound,
            $"<ErrorResponse xmlns=\"{Ns}\"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>"));

        var error = await Assert.ThrowsAsync<SnsException>(() => Client(stub).PublishAsync(TopicArn, "x"));

        Assert.AreEqual("NotFound", error.Code);
        Assert.AreEqual(HttpStatusCode.NotFound, error.StatusCode);
        Assert.HasCount(1, stub.Requests, "a client error is not retried");
    }

    [TestMethod]
    public async Task RetriesThrottlingAndServerErrors()
    {
        var calls = 0;
        var stub = new StubHandler((_, _) => ++calls switch
        {
            1 => StubHandler.Xml(HttpStatusCode.BadRequest, $"<ErrorResponse xmlns=\"{Ns}\"><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"),
            2 => StubHandler.Xml(HttpStatusCode.InternalServerError, $"<ErrorResponse xmlns=\"{Ns}\"><Error><Code>InternalError</Code><Message>oops</Message></Error></ErrorResponse>"),
            _ => StubHandler.Xml(HttpStatusCode.OK, $"<PublishResponse xmlns=\"{Ns}\"><PublishResult><MessageId>m-3</MessageId></PublishResult></PublishResponse>"),
        });

        Assert.AreEqual("m-3", await Client(stub).PublishAsync(TopicArn, "x"));
        Assert.AreEqual(3, calls);
    }

    private static SnsQueryClient Client(StubHandler stub) =>
        AwsServiceCollectionExtensions.CreateSnsClient(
            new AwsClients(new AwsOptions { Region = "eu-west-1" }, new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")),
            stub);
}
