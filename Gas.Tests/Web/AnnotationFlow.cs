using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>The whole user flow in local mode, through the real pages, store endpoints and in-process annotator.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class AnnotationFlow
{
    private static GasAppFactory _app = null!;

    [ClassInitialize]
    public static void Start(TestContext _) => _app = new GasAppFactory();

    [ClassCleanup]
    public static void Stop() => _app.Dispose();

    [TestMethod]
    public async Task UploadedVcfGoesFromPendingToCompletedWithDownloadableResultsAndLog()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));

        var list = await browser.Client.GetStringAsync("/annotations");
        StringAssert.Contains(list, $"href=\"/annotations/{jobId}\"");
        StringAssert.Contains(list, "free_1.vcf");

        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));

        var details = await browser.Client.GetStringAsync($"/annotations/{jobId}");
        StringAssert.Contains(details, "Complete time");
        StringAssert.Contains(details, $"/annotations/{jobId}/results");
        StringAssert.Contains(details, $"/annotations/{jobId}/log");
        StringAssert.Contains(details, "No reference data is configured", "the page says the run had no reference");

        var results = await browser.Client.GetAsync($"/annotations/{jobId}/results");
        Assert.AreEqual(HttpStatusCode.Redirect, results.StatusCode);
        var download = await browser.Client.GetAsync(results.Headers.Location);
        Assert.AreEqual(HttpStatusCode.OK, download.StatusCode);
        Assert.AreEqual("free_1.annot.vcf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var vcf = await download.Content.ReadAsStringAsync();
        StringAssert.StartsWith(vcf, "##fileformat=VCF");
        var inputRecords = File.ReadLines(Paths.Sample("free_1.vcf")).Count(l => l.Length > 0 && !l.StartsWith('#'));
        Assert.AreEqual(inputRecords, vcf.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#')));

        var log = await browser.Client.GetStringAsync($"/annotations/{jobId}/log");
        StringAssert.Contains(log, $"Variants: {inputRecords}");
    }

    [TestMethod]
    public async Task SignedDownloadLinkExpiresAndCannotBeAltered()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var link = (await browser.Client.GetAsync($"/annotations/{jobId}/results")).Headers.Location!.ToString();

        using var stranger = _app.NewSession();
        Assert.AreEqual(HttpStatusCode.OK, (await stranger.Client.GetAsync(link)).StatusCode, "a fresh signed link works for whoever holds it");
        Assert.AreEqual(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync(link.Replace("test.annot.vcf", "test.vcf", StringComparison.Ordinal))).StatusCode);

        _app.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.AreEqual(HttpStatusCode.Forbidden, (await stranger.Client.GetAsync(link)).StatusCode, "the link has expired");
    }

    [TestMethod]
    public async Task MalformedVcfFailsWithTheLineNumberAndIsNotRetried()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var bad = "##fileformat=VCFv4.1\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\tnot-a-number\t.\tA\tG\t.\tPASS\t.\n"u8.ToArray();
        var jobId = await browser.SubmitJobAsync("bad.vcf", bad);

        Assert.AreEqual("FAILED", await browser.WaitForFinishedAsync(jobId));
        var details = await browser.Client.GetStringAsync($"/annotations/{jobId}");
        StringAssert.Contains(details, "Line 3");
        StringAssert.Contains(details, "POS");
        Assert.IsFalse(details.Contains($"/annotations/{jobId}/results", StringComparison.Ordinal), "no results link for a failed job");
        var log = await browser.Client.GetStringAsync($"/annotations/{jobId}/log");
        StringAssert.Contains(log, "Line 3");

        var job = await _app.Services.GetJob(jobId);
        Assert.AreEqual(1, job.Attempts, "a bad input is not retried");
    }

    [TestMethod]
    public async Task FreeUserUploadOverTheCapIsRefusedByTheStoreItself()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var page = await browser.Client.GetStringAsync("/annotate");
        StringAssert.Contains(page, "data-max-bytes=\"153600\"");
        StringAssert.Contains(page, "Upgrade to Premium");

        var (action, fields) = await browser.GetUploadFormAsync();
        var premium3 = await File.ReadAllBytesAsync(Paths.Sample("premium_3.vcf"));
        Assert.IsGreaterThan(150 * 1024, premium3.Length);
        var refused = await browser.PostToStoreAsync(action, fields, "premium_3.vcf", premium3);
        Assert.AreEqual(HttpStatusCode.BadRequest, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "EntityTooLarge");
        Assert.IsFalse(Directory.EnumerateFiles(Path.Combine(_app.DataDirectory, "objects"), "premium_3.vcf", SearchOption.AllDirectories).Any(),
            "nothing of the refused upload is kept");

        var exactlyAtCap = new byte[150 * 1024];
        var accepted = await browser.PostToStoreAsync(action, fields, "cap.vcf", exactlyAtCap);
        Assert.AreEqual(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [TestMethod]
    public async Task UploadPolicyCannotBeTamperedWith()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();

        var otherPrefix = new Dictionary<string, string>(fields) { ["key"] = "someone-else/" + Guid.NewGuid() + "~${filename}" };
        Assert.AreEqual(HttpStatusCode.Forbidden, (await browser.PostToStoreAsync(action, otherPrefix, "a.vcf", [1])).StatusCode);

        var policy = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(fields["policy"]));
        var bigger = new Dictionary<string, string>(fields)
        {
            ["policy"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(policy.Replace("153600", "999999999", StringComparison.Ordinal))),
        };
        Assert.AreEqual(HttpStatusCode.Forbidden, (await browser.PostToStoreAsync(action, bigger, "a.vcf", [1])).StatusCode);

        _app.Clock.Advance(TimeSpan.FromHours(1));
        try
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, (await browser.PostToStoreAsync(action, fields, "a.vcf", [1])).StatusCode, "expired policy");
        }
        finally
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [TestMethod]
    public async Task RedirectForSomeoneElsesUploadCreatesNoJob()
    {
        using var owner = _app.NewSession();
        await owner.RegisterAsync();
        var (action, fields) = await owner.GetUploadFormAsync();
        var stored = await owner.PostToStoreAsync(action, fields, "test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));

        using var intruder = _app.NewSession();
        await intruder.RegisterAsync();
        var attempt = await intruder.Client.GetAsync(stored.Headers.Location);
        Assert.AreEqual(HttpStatusCode.NotFound, attempt.StatusCode);
        Assert.IsFalse((await intruder.Client.GetStringAsync("/annotations")).Contains("test.vcf", StringComparison.Ordinal));
    }
}
