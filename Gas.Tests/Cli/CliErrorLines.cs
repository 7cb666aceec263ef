using System.Net;
using System.Net.Http.Headers;
using Gas.Cli.Api;
using Gas.Cli.Commands;

namespace Gas.Tests.Cli;

/// <summary>
/// What the client prints for a refused request: one line from the API's Problem Details (with its hints and validation
/// errors), from a store's XML error, or from the bare status; how long a 429 is waited out; what a download is saved as.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class CliErrorLines
{
    [TestMethod]
    public void AnUnauthorizedAnswerTellsTheUserToSetANewToken()
    {
        var line = ErrorMessages.Format(HttpStatusCode.Unauthorized, "application/problem+json", """{"title":"Unauthorized","status":401}""");

        Assert.AreEqual("401: token revoked or expired (set GAS_TOKEN)", line);
    }

    [TestMethod]
    public void AProblemShowsItsTitleItsDetailAndItsHintOnOneLine()
    {
        const string body = """
            {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.4","title":"Results archived","status":403,
             "detail":"This job's results were moved to the archive.\nUpgrade to restore them.","upgradeUrl":"https://gas.example.org/subscribe",
             "traceId":"00-abc-def-00"}
            """;

        var line = ErrorMessages.Format(HttpStatusCode.Forbidden, "application/problem+json", body);

        Assert.AreEqual("403: Results archived: This job's results were moved to the archive. Upgrade to restore them. (upgradeUrl: https://gas.example.org/subscribe)", line);
    }

    [TestMethod]
    public void AValidationProblemListsEachFieldAndItsMessages()
    {
        const string body = """{"title":"One or more validation errors occurred.","status":400,"errors":{"build":["Unknown genome build 'hg19'."],"key":["The upload was not found.","Upload again."]}}""";

        var line = ErrorMessages.Format(HttpStatusCode.BadRequest, "application/problem+json", body);

        Assert.AreEqual("400: One or more validation errors occurred.; build: Unknown genome build 'hg19'.; key: The upload was not found.; Upload again.", line);
    }

    [TestMethod]
    public void AProblemWithOnlyADetailShowsTheDetail()
    {
        var line = ErrorMessages.Format(HttpStatusCode.Conflict, "application/json", """{"status":409,"detail":"Job j1 is RUNNING: its results are not ready."}""");

        Assert.AreEqual("409: Job j1 is RUNNING: its results are not ready.", line);
    }

    [TestMethod]
    public void AStoresXmlErrorShowsItsCodeAndMessage()
    {
        const string body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size of 153600 bytes.</Message><RequestId>1</RequestId></Error>
            """;

        var line = ErrorMessages.Format(HttpStatusCode.BadRequest, "application/xml", body);

        Assert.AreEqual("400: EntityTooLarge: Your proposed upload exceeds the maximum allowed size of 153600 bytes.", line);
    }

    [TestMethod]
    [DataRow(HttpStatusCode.NotFound, "text/html", "<html><body>Not here</body></html>", "404: not found")]
    [DataRow(HttpStatusCode.BadGateway, "text/plain", "upstream down\n", "502: upstream down")]
    [DataRow(HttpStatusCode.InternalServerError, "application/json", "{not json", "500: InternalServerError")]
    [DataRow(HttpStatusCode.TooManyRequests, null, "", "429: too many requests")]
    public void AnythingElseShowsTheStatusAndAShortTextBody(HttpStatusCode status, string? type, string body, string expected)
    {
        Assert.AreEqual(expected, ErrorMessages.Format(status, type, body));
    }

    [TestMethod]
    [DataRow(5, 5)]
    [DataRow(0, 1)]
    [DataRow(3600, 120)]
    public void A429IsWaitedOutForItsRetryAfterSecondsWithinBounds(int retryAfter, int expectedSeconds)
    {
        var wait = RetryPolicy.Default.WaitFor(new RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfter)), DateTimeOffset.UnixEpoch);

        Assert.AreEqual(TimeSpan.FromSeconds(expectedSeconds), wait);
    }

    [TestMethod]
    public void ARetryAfterDateIsWaitedUntilAndAMissingOneWaitsTheMinimum()
    {
        var now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

        Assert.AreEqual(TimeSpan.FromSeconds(30), RetryPolicy.Default.WaitFor(new RetryConditionHeaderValue(now.AddSeconds(30)), now));
        Assert.AreEqual(RetryPolicy.Default.MinWait, RetryPolicy.Default.WaitFor(null, now));
    }

    [TestMethod]
    [DataRow("attachment; filename=\"free_1.annot.vcf\"", "http://s/_store/results/u/j/free_1.annot.vcf", "free_1.annot.vcf")]
    [DataRow("attachment; filename=\"../../etc/passwd\"", "http://s/x", "passwd")]
    [DataRow(null, "http://s/_store/results/u/j/free%201.annot.vcf?expires=1", "free 1.annot.vcf")]
    [DataRow(null, "http://s/api/v1/jobs/j9/results", "j9.annot.vcf")]
    public void ADownloadIsSavedUnderTheStoresNameNeverOutsideTheFolder(string? disposition, string url, string expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]), RequestMessage = new HttpRequestMessage(HttpMethod.Get, url) };
        if (disposition is not null)
        {
            response.Content.Headers.ContentDisposition = ContentDispositionHeaderValue.Parse(disposition);
        }

        Assert.AreEqual(expected, ResultsDownloader.FileName(response, "j9", "results"));
    }
}
