using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Gas.Core.Aws;
using Gas.Core.Storage;

namespace Gas.Tests.Aws;

/// <summary>The browser upload form for S3, checked against AWS's published SigV4 examples (no emulator here takes browser POSTs).</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class S3PostPolicyTests
{
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    // AWS's "Example: Browser-Based Upload using HTTP POST (Using AWS Signature Version 4)": policy and signature as published.
    private const string ExamplePolicy =
        "eyAiZXhwaXJhdGlvbiI6ICIyMDE1LTEyLTMwVDEyOjAwOjAwLjAwMFoiLA0KICAiY29uZGl0aW9ucyI6IFsNCiAgICB7ImJ1Y2tldCI6ICJzaWd2NGV4YW1wbGVidWNrZXQifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRrZXkiLCAidXNlci91c2VyMS8iXSwNCiAgICB7ImFjbCI6ICJwdWJsaWMtcmVhZCJ9LA0KICAgIHsic3VjY2Vzc19hY3Rpb25fcmVkaXJlY3QiOiAiaHR0cDovL3NpZ3Y0ZXhhbXBsZWJ1Y2tldC5zMy5hbWF6b25hd3MuY29tL3N1Y2Nlc3NmdWxfdXBsb2FkLmh0bWwifSwNCiAgICBbInN0YXJ0cy13aXRoIiwgIiRDb250ZW50LVR5cGUiLCAiaW1hZ2UvIl0sDQogICAgeyJ4LWFtei1tZXRhLXV1aWQiOiAiMTQzNjUxMjM2NTEyNzQifSwNCiAgICB7IngtYW16LXNlcnZlci1zaWRlLWVuY3J5cHRpb24iOiAiQUVTMjU2In0sDQogICAgWyJzdGFydHMtd2l0aCIsICIkeC1hbXotbWV0YS10YWciLCAiIl0sDQoNCiAgICB7IngtYW16LWNyZWRlbnRpYWwiOiAiQUtJQUlPU0ZPRE5ON0VYQU1QTEUvMjAxNTEyMjkvdXMtZWFzdC0xL3MzL2F3czRfcmVxdWVzdCJ9LA0KICAgIHsieC1hbXotYWxnb3JpdGhtIjogIkFXUzQtSE1BQy1TSEEyNTYifSwNCiAgICB7IngtYW16LWRhdGUiOiAiMjAxNTEyMjlUMDAwMDAwWiIgfQ0KICBdDQp9";

    [TestMethod]
    public void SignsAwsPublishedExamplePolicyToItsPublishedSignature()
    {
        var signature = S3PostPolicy.Sign(ExamplePolicy, ExampleSecret, "20151229", "us-east-1", "s3");

        Assert.AreEqual("8afdbf4008c03f22c2cd3cdb72e4afbb1f6a588f3255ac628749a66d7f09699e", signature);
    }

    [TestMethod]
    public void DerivesTheSigningKeyOfAwsPublishedExample()
    {
        // AWS's "Examples of how to derive a signing key for Signature Version 4".
        var key = S3PostPolicy.SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");

        Assert.AreEqual("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d", Convert.ToHexStringLower(key));
    }

    [TestMethod]
    public void BindsTheFormToBucketPrefixSizeRedirectAndCredential()
    {
        var policy = new UploadPolicy("gas-inputs", "user-1/job-9~", 153_600, "https://gas.test/annotate/job", TimeSpan.FromMinutes(10));
        var now = new DateTimeOffset(2015, 12, 29, 0, 0, 0, TimeSpan.Zero);

        var form = S3PostPolicy.Create(policy, new Uri("https://gas-inputs.s3.us-east-1.amazonaws.com/"),
            new ImmutableCredentials("AKIAIOSFODNN7EXAMPLE", ExampleSecret, null), "us-east-1", now);

        Assert.AreEqual("user-1/job-9~${filename}", form.Fields["key"]);
        Assert.AreEqual("AWS4-HMAC-SHA256", form.Fields["x-amz-algorithm"]);
        Assert.AreEqual("AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request", form.Fields["x-amz-credential"]);
        Assert.AreEqual("20151229T000000Z", form.Fields["x-amz-date"]);
        Assert.IsFalse(form.Fields.ContainsKey("x-amz-security-token"));
        Assert.AreEqual(S3PostPolicy.Sign(form.Fields["policy"], ExampleSecret, "20151229", "us-east-1", "s3"), form.Fields["x-amz-signature"]);

        using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(form.Fields["policy"])));
        Assert.AreEqual("2015-12-29T00:10:00.000Z", document.RootElement.GetProperty("expiration").GetString());
        var conditions = document.RootElement.GetProperty("conditions").EnumerateArray().Select(c => c.GetRawText()).ToList();
        CollectionAssert.AreEqual(new[]
        {
            """{"bucket":"gas-inputs"}""",
            """["starts-with","$key","user-1/job-9~"]""",
            """["content-length-range",0,153600]""",
            """{"success_action_redirect":"https://gas.test/annotate/job"}""",
            """{"x-amz-algorithm":"AWS4-HMAC-SHA256"}""",
            """{"x-amz-credential":"AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request"}""",
            """{"x-amz-date":"20151229T000000Z"}""",
        }, conditions);

        // Every field the browser sends, except the signature and policy themselves, is covered by a condition.
        foreach (var field in form.Fields.Keys.Except(["policy", "x-amz-signature", "key"]))
        {
            Assert.IsTrue(conditions.Any(c => c.Contains($"\"{field}\"", StringComparison.Ordinal)), field);
        }
    }

    [TestMethod]
    public void CarriesTheSessionTokenOfTemporaryCredentials()
    {
        var policy = new UploadPolicy("gas-inputs", "u/", 10, "https://gas.test/r", TimeSpan.FromMinutes(1));

        var form = S3PostPolicy.Create(policy, new Uri("https://gas-inputs.s3.us-east-1.amazonaws.com/"),
            new ImmutableCredentials("ASIAEXAMPLE", ExampleSecret, "session-token"), "us-east-1", DateTimeOffset.UnixEpoch);

        Assert.AreEqual("session-token", form.Fields["x-amz-security-token"]);
        StringAssert.Contains(Encoding.UTF8.GetString(Convert.FromBase64String(form.Fields["policy"])), "{\"x-amz-security-token\":\"session-token\"}");
    }
}
