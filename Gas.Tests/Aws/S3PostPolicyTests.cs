using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Core.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Gas.Tests.Aws;

/// <summary>
/// The browser upload form for S3, now made by AWSSDK.S3's <c>CreatePresignedPost</c>, checked against AWS's published
/// SigV4 example (no emulator here takes browser POSTs). The SDK signs at its own clock with its own JSON layout, so its
/// policy cannot equal the published one byte for byte; instead the published algorithm, proven on the published
/// example, must give the SDK's signature for the SDK's policy.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class S3PostPolicyTests
{
    private const string ExampleAccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    // AWS's "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)": policy and signature as published.
    private const string ExamplePolicy =
        "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";

    [TestMethod]
    public void ThePublishedAlgorithmGivesTheExamplesPublishedSignature() =>
        Assert.AreEqual("8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e",
            PublishedSigV4.Sign(ExamplePolicy, ExampleSecret, "20151229", "us-east-1", "s3"));

    [TestMethod]
    public void ThePublishedAlgorithmDerivesTheExamplesSigningKey() =>
        // AWS's "Examples of how to derive a signing key for Signature Version 4".
        Assert.AreEqual("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
            Convert.ToHexStringLower(PublishedSigV4.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam")));

    [TestMethod]
    public async Task TheSdksFormIsSignedAsThePublishedAlgorithmSignsIt()
    {
        var form = await Store().CreateUploadFormAsync(Policy());

        var date = form.Fields["x-amz-date"][..8];
        Assert.AreEqual($"{ExampleAccessKey}/{date}/us-east-1/s3/aws4_request", form.Fields["x-amz-credential"]);
        Assert.AreEqual("AWS4-HMAC-SHA256", form.Fields["x-amz-algorithm"]);
        Assert.AreEqual(PublishedSigV4.Sign(form.Fields["policy"], ExampleSecret, date, "us-east-1", "s3"), form.Fields["x-amz-signature"]);
    }

    [TestMethod]
    public async Task BindsTheFormToBucketPrefixSizeRedirectPendingTagAndCredential()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2015, 12, 29, 0, 0, 0, TimeSpan.Zero));

        var form = await Store(time: time).CreateUploadFormAsync(Policy());

        Assert.AreEqual(new Uri("https://gas-inputs.s3.us-east-1.amazonaws.com/"), form.Url);
        Assert.AreEqual("user-1/job-9~${filename}", form.Fields["key"]);
        Assert.AreEqual("https://gas.test/annotate/job", form.Fields["success_action_redirect"]);
        Assert.AreEqual(UnclaimedUploads.PendingTagging, form.Fields["tagging"]);
        Assert.IsFalse(form.Fields.ContainsKey("x-amz-security-token"));

        using var document = JsonDocument.Parse(Convert.FromBase64String(form.Fields["policy"]));
        Assert.AreEqual("2015-12-29T00:10:00.000Z", document.RootElement.GetProperty("expiration").GetString(), "the app's clock plus the form lifetime");
        var conditions = document.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetRawText()).ToList();
        CollectionAssert.IsSubsetOf(new[]
        {
            """{"bucket":"gas-inputs"}""",
            """["starts-with","$key","user-1/job-9~"]""",
            """["content-length-range",0,153600]""",
            """{"success_action_redirect":"https://gas.test/annotate/job"}""",
            """{"x-amz-algorithm":"AWS4-HMAC-SHA256"}""",
        }, conditions);
        var tagging = document.RootElement.GetProperty("conditions").EnumerateArray()
            .Single(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("tagging", out _));
        Assert.AreEqual(UnclaimedUploads.PendingTagging, tagging.GetProperty("tagging").GetString());

        // Every field the browser sends, except the signature and policy themselves, is bound by a condition.
        foreach (var field in form.Fields.Keys.Where(f => !f.Equals("policy", StringComparison.OrdinalIgnoreCase) && f != "x-amz-signature"))
        {
            Assert.IsTrue(conditions.Any(c => c.Contains($"\"{field}\"", StringComparison.Ordinal) || c.Contains($"\"${field}\"", StringComparison.Ordinal)), field);
        }
    }

    [TestMethod]
    public async Task LetsTheFormChooseAnyRedirectUnderThePoliciesPrefix()
    {
        var policy = Policy() with { SuccessRedirectUrl = "https://gas.test/annotate/job?build=detect" };
        policy = policy with { SuccessRedirectPrefix = "https://gas.test/annotate/job?build=" };

        var form = await Store().CreateUploadFormAsync(policy);

        Assert.AreEqual("https://gas.test/annotate/job?build=detect", form.Fields["success_action_redirect"], "the default choice");
        using var document = JsonDocument.Parse(Convert.FromBase64String(form.Fields["policy"]));
        var conditions = document.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetRawText()).ToList();
        CollectionAssert.Contains(conditions, """["starts-with","$success_action_redirect","https://gas.test/annotate/job?build="]""");
        Assert.IsFalse(conditions.Any(c => c.StartsWith("""{"success_action_redirect":""", StringComparison.Ordinal)),
            "no exact condition, or S3 would refuse every other build's redirect");
    }

    [TestMethod]
    public async Task BindsAProgramsFormToItsFinalKeyAndASuccessStatusWithoutARedirect()
    {
        var policy = UploadPolicy.ForClient("gas-inputs", "user-1/job-9~", "free_1.vcf", 153_600, TimeSpan.FromMinutes(10));

        var form = await Store().CreateUploadFormAsync(policy);

        Assert.AreEqual("user-1/job-9~free_1.vcf", form.Fields["key"]);
        Assert.AreEqual("201", form.Fields["success_action_status"]);
        Assert.IsFalse(form.Fields.ContainsKey("success_action_redirect"));
        using var document = JsonDocument.Parse(Convert.FromBase64String(form.Fields["policy"]));
        var conditions = document.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetRawText()).ToList();
        CollectionAssert.Contains(conditions, """{"success_action_status":"201"}""");
        Assert.IsTrue(conditions.Contains("""{"key":"user-1/job-9~free_1.vcf"}""") || conditions.Contains("""["eq","$key","user-1/job-9~free_1.vcf"]"""),
            "the exact key: " + string.Join(", ", conditions));
        Assert.IsFalse(conditions.Any(c => c.Contains("starts-with\",\"$key", StringComparison.Ordinal)), "no other key under the prefix");
        Assert.IsFalse(conditions.Any(c => c.Contains("success_action_redirect", StringComparison.Ordinal)));
        foreach (var field in form.Fields.Keys.Where(f => !f.Equals("policy", StringComparison.OrdinalIgnoreCase) && f != "x-amz-signature"))
        {
            Assert.IsTrue(conditions.Any(c => c.Contains($"\"{field}\"", StringComparison.Ordinal) || c.Contains($"\"${field}\"", StringComparison.Ordinal)), field);
        }
    }

    [TestMethod]
    public async Task CarriesTheSessionTokenOfTemporaryCredentials()
    {
        var form = await Store(new SessionAWSCredentials("ASIAEXAMPLE", ExampleSecret, "session-token")).CreateUploadFormAsync(Policy());

        Assert.AreEqual("session-token", form.Fields["x-amz-security-token"]);
        StringAssert.Contains(Encoding.UTF8.GetString(Convert.FromBase64String(form.Fields["policy"])), "{\"x-amz-security-token\":\"session-token\"}");
    }

    [TestMethod]
    public async Task LeavesThePendingTagOffWhereTaggingIsOff()
    {
        var form = await Store(tagUploads: false).CreateUploadFormAsync(Policy());

        Assert.IsFalse(form.Fields.ContainsKey("tagging"));
        Assert.DoesNotContain("tagging", Encoding.UTF8.GetString(Convert.FromBase64String(form.Fields["policy"])));
    }

    private static UploadPolicy Policy() =>
        new("gas-inputs", "user-1/job-9~", 153_600, "https://gas.test/annotate/job", TimeSpan.FromMinutes(10));

    private static S3ObjectStore Store(AWSCredentials? credentials = null, bool tagUploads = true, TimeProvider? time = null)
    {
        var clients = new AwsClients(new AwsOptions { Region = "us-east-1", JobsTable = "t", TagUploads = tagUploads },
            credentials ?? new BasicAWSCredentials(ExampleAccessKey, ExampleSecret));
        return new S3ObjectStore(clients.CreateS3(), clients, time ?? TimeProvider.System);
    }

    /// <summary>SigV4 as AWS publishes it, written out here as the oracle the SDK's output is checked against.</summary>
    private static class PublishedSigV4
    {
        public static string Sign(string stringToSign, string secretKey, string shortDate, string region, string service) =>
            Convert.ToHexStringLower(HMACSHA256.HashData(SigningKey(secretKey, shortDate, region, service), Encoding.UTF8.GetBytes(stringToSign)));

        public static byte[] SigningKey(string secretKey, string shortDate, string region, string service)
        {
            var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(shortDate));
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
            return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
        }
    }
}
