using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Gas.Tests.Contracts;
using Gas.Tests.Support;

namespace Gas.Tests.EndToEnd;

/// <summary>
/// Submit → annotate → notify → list/details in <c>aws</c> mode against the emulators, with the web, util and
/// annotator roles as three processes. The browser's direct upload is replayed with PutObject (fauxqs takes no browser
/// POSTs; the POST policy itself is proven in S3PostPolicyTests), then the store's redirect is followed as S3 sends it.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
[DoNotParallelize]
public sealed class AwsThreeProcessFlow
{
    private static AwsProcesses _gas = null!;
    private static string _email = "";
    private static string _jobId = "";
    private static BrowserSession _browser = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        _gas = await AwsProcesses.StartAsync();
        _browser = new BrowserSession(new HttpClient(
            new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = _gas.Web,
        });
        _email = $"e2e-{Guid.NewGuid():N}@example.test";
        await _browser.RegisterAsync(_email, "E2e-Velvet-Harbor-35");
        _jobId = await SubmitAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        _browser?.Dispose();
        if (_gas is not null)
        {
            await _gas.DisposeAsync();
        }
    }

    [TestMethod]
    public async Task TheAnnotatorProcessCompletesTheJobAndTheWebListsIt()
    {
        Assert.AreEqual("COMPLETED", await _browser.WaitForFinishedAsync(_jobId, _gas.Output));

        var list = await _browser.Client.GetStringAsync("/annotations");
        StringAssert.Contains(list, $"href=\"/annotations/{_jobId}\"");
        StringAssert.Contains(list, "free_1.vcf");

        var details = await _browser.Client.GetStringAsync($"/annotations/{_jobId}");
        StringAssert.Contains(details, "Complete time");
        StringAssert.Contains(details, $"/annotations/{_jobId}/results");

        var results = await _browser.Client.GetAsync($"/annotations/{_jobId}/results");
        Assert.AreEqual(HttpStatusCode.Redirect, results.StatusCode);
        var download = results.Headers.Location!;
        StringAssert.StartsWith(download.ToString(), Emulators.Fauxqs.ToString().TrimEnd('/'), "a presigned S3 URL");
        using var plain = new HttpClient();
        var vcf = await plain.GetStringAsync(download);
        StringAssert.StartsWith(vcf, "##fileformat=VCF");

        var log = await _browser.Client.GetStringAsync($"/annotations/{_jobId}/log");
        StringAssert.Contains(log, "Variants:");
    }

    [TestMethod]
    public async Task TheUtilProcessEmailsTheUserThroughSmtp()
    {
        Assert.AreEqual("COMPLETED", await _browser.WaitForFinishedAsync(_jobId, _gas.Output));
        using var maildev = new HttpClient();
        var mail = await Wait.ForAsync(async () =>
        {
            var mails = await maildev.GetFromJsonAsync<List<Mail>>(new Uri(Emulators.MaildevApi, "/api/email")) ?? [];
            // The account's welcome email goes to the same address; the job's is the one that names the job.
            return mails.FirstOrDefault(m => m.To.Any(a => string.Equals(a.Address, _email, StringComparison.OrdinalIgnoreCase))
                && (m.Subject ?? "").Contains("annotation job", StringComparison.Ordinal));
        }, $"the job's email to {_email} reaches maildev", _gas.Output);
        StringAssert.Contains(mail.Text ?? mail.Html ?? "", _jobId, "the email links to the job");
    }

    private static async Task<string> SubmitAsync(string fileName, byte[] content)
    {
        var (action, fields) = await _browser.GetUploadFormAsync();
        StringAssert.StartsWith(action, Emulators.Fauxqs.ToString().TrimEnd('/'), "the form posts straight to S3");
        var bucket = new Uri(action).AbsolutePath.Trim('/');
        var key = fields["key"].Replace("${filename}", fileName, StringComparison.Ordinal);

        await AwsProcesses.UploadAsBrowserAsync(bucket, key, content);

        // S3 answers a successful POST with 303 to success_action_redirect?bucket=…&key=…&etag=…
        var redirect = $"{fields["success_action_redirect"]}{(fields["success_action_redirect"].Contains('?', StringComparison.Ordinal) ? '&' : '?')}" +
            $"bucket={Uri.EscapeDataString(bucket)}&key={Uri.EscapeDataString(key)}&etag=%22e2e%22";
        var created = await _browser.Client.GetAsync(new Uri(redirect));
        Assert.AreEqual(HttpStatusCode.Redirect, created.StatusCode, await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!.ToString();
        StringAssert.StartsWith(location, "/annotations/");
        return location["/annotations/".Length..];
    }

    private sealed record Mail(
        [property: JsonPropertyName("to")] List<MailAddress> To,
        [property: JsonPropertyName("subject")] string? Subject,
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("html")] string? Html);

    private sealed record MailAddress([property: JsonPropertyName("address")] string Address);
}
