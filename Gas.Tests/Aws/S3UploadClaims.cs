using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Core.Storage;

namespace Gas.Tests.Aws;

/// <summary>
/// How the S3 adapter claims an upload for a job: a PutObjectTagging that replaces the pending tag. Stubbed S3 (the
/// handler records the request), because fauxqs has no object tagging.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class S3UploadClaims
{
    [TestMethod]
    public async Task ClaimingRetagsTheUploadClaimedOnStubbedS3()
    {
        var stub = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK));

        await Store(stub, tagUploads: true).ClaimUploadAsync("gas-inputs", "user-1/job-9~free 1.vcf");

        var (request, body) = stub.Requests.Single();
        Assert.AreEqual(HttpMethod.Put, request.Method);
        Assert.AreEqual("/gas-inputs/user-1/job-9~free%201.vcf", request.RequestUri!.AbsolutePath);
        StringAssert.StartsWith(request.RequestUri.Query, "?tagging");
        var tags = XDocument.Parse(body).Descendants().Where(e => e.Name.LocalName == "Tag")
            .Select(t => (t.Elements().Single(e => e.Name.LocalName == "Key").Value, t.Elements().Single(e => e.Name.LocalName == "Value").Value))
            .ToList();
        CollectionAssert.AreEqual(new[] { (UnclaimedUploads.TagKey, UnclaimedUploads.ClaimedTag) }, tags);
    }

    [TestMethod]
    public async Task ClaimingAMissingObjectIsHarmlessOnStubbedS3()
    {
        var stub = new StubHandler((_, _) => StubHandler.Xml(HttpStatusCode.NotFound,
            "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"));

        await Store(stub, tagUploads: true).ClaimUploadAsync("gas-inputs", "user-1/gone.vcf");

        Assert.HasCount(1, stub.Requests);
    }

    [TestMethod]
    public async Task WithTaggingOffClaimingSendsNothing()
    {
        var stub = new StubHandler((_, _) => new HttpResponseMessage(HttpStatusCode.OK));

        await Store(stub, tagUploads: false).ClaimUploadAsync("gas-inputs", "user-1/job-9~a.vcf");

        Assert.IsEmpty(stub.Requests);
    }

    private static S3ObjectStore Store(StubHandler stub, bool tagUploads)
    {
        var options = new AwsOptions
        {
            Region = "us-east-1", JobsTable = "t", TagUploads = tagUploads,
            S3ServiceUrl = new Uri("http://s3.stubbed.test/"), S3ForcePathStyle = true,
        };
        var clients = new AwsClients(options, new BasicAWSCredentials("stub", "stub"), new StubFactory(stub));
        return new S3ObjectStore(clients.CreateS3(), clients, TimeProvider.System);
    }

    private sealed class StubFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
