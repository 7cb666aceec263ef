using System.Net;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Storage;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Web;

/// <summary>
/// An upload form of the embedded store is good for one upload, never replaces a stored object, and what it uploaded
/// expires after a day unless a job claimed it.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class UploadForms
{
    [TestMethod]
    public async Task AFormUploadsOnlyOnce()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();

        var first = await browser.PostToStoreAsync(action, fields, "a.vcf", "1"u8.ToArray());
        var again = await browser.PostToStoreAsync(action, fields, "b.vcf", "2"u8.ToArray());

        Assert.AreEqual(HttpStatusCode.Redirect, first.StatusCode, await first.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.Forbidden, again.StatusCode);
        StringAssert.Contains(await again.Content.ReadAsStringAsync(), "already been used");
        Assert.IsFalse(Directory.EnumerateFiles(Path.Combine(app.DataDirectory, "objects"), "*b.vcf", SearchOption.AllDirectories).Any());
    }

    [TestMethod]
    public async Task AnUploadNeverReplacesAnObjectOfAnExistingJob()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();
        var stored = await browser.PostToStoreAsync(action, fields, "test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        var key = System.Web.HttpUtility.ParseQueryString(stored.Headers.Location!.Query)["key"]!;
        var created = await browser.Client.GetAsync(stored.Headers.Location);
        Assert.AreEqual(HttpStatusCode.Redirect, created.StatusCode);

        // A second, validly signed policy for the same prefix (as a replayed or leaked one would be).
        var objects = app.Services.GetRequiredService<IObjectStore>();
        var prefix = key[..(key.IndexOf('~', StringComparison.Ordinal) + 1)];
        var inputs = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.InputsBucket;
        var second = await objects.CreateUploadFormAsync(new UploadPolicy(inputs, prefix, 1 << 20, fields["success_action_redirect"], TimeSpan.FromMinutes(10)));
        var overwrite = await browser.PostToStoreAsync(second.Url.ToString(), new Dictionary<string, string>(second.Fields), "test.vcf", "##evil\n"u8.ToArray());

        Assert.AreEqual(HttpStatusCode.Conflict, overwrite.StatusCode);
        StringAssert.Contains(await overwrite.Content.ReadAsStringAsync(), "never replaced");
        await using var input = await objects.OpenReadAsync(inputs, key);
        using var reader = new StreamReader(input);
        StringAssert.StartsWith(await reader.ReadToEndAsync(), "##fileformat=VCF");
    }

    [TestMethod]
    public async Task UploadsNoJobClaimedExpireAfterADayWhileJobInputsStay()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        var (action, fields) = await browser.GetUploadFormAsync();
        var orphan = await browser.PostToStoreAsync(action, fields, "orphan.vcf", "##fileformat=VCFv4.2\n"u8.ToArray());
        Assert.AreEqual(HttpStatusCode.Redirect, orphan.StatusCode);
        var orphanKey = System.Web.HttpUtility.ParseQueryString(orphan.Headers.Location!.Query)["key"]!;
        var objects = app.Services.GetRequiredService<IObjectStore>();
        var inputs = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.InputsBucket;
        var job = (await app.Services.GetRequiredService<Gas.Core.Jobs.IJobStore>().GetAsync(jobId))!;
        var sweep = app.Services.GetRequiredService<UnclaimedUploadSweep>();

        Assert.AreEqual(0, await sweep.RunAsync(), "nothing is a day old yet");
        app.Clock.Advance(UnclaimedUploads.Lifetime + TimeSpan.FromMinutes(1));

        // The web role's own schedule runs the sweep once the (fake) clock passes its interval.
        await Wait.UntilAsync(async () => await objects.HeadAsync(inputs, orphanKey) is null, "the scheduled sweep deletes the orphan");
        Assert.IsNotNull(await objects.HeadAsync(inputs, job.InputKey), "the job's input stays");
        Assert.AreEqual(0, await sweep.RunAsync(), "running again finds nothing more");
        Assert.IsTrue(app.Services.GetServices<IHostedService>().Any(s => s.GetType().Name == "UnclaimedUploadSweepService"));
    }

    [TestMethod]
    public async Task FollowsTheRedirectOfTheBuildChosenInTheForm()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync(build: "GRCh38");

        var stored = await browser.PostToStoreAsync(action, fields, "a.vcf", "##fileformat=VCFv4.2\n"u8.ToArray());

        Assert.AreEqual(HttpStatusCode.Redirect, stored.StatusCode, await stored.Content.ReadAsStringAsync());
        StringAssert.StartsWith(stored.Headers.Location!.ToString(), fields["success_action_redirect"] + "&bucket=");
        StringAssert.Contains(fields["success_action_redirect"], "/annotate/job?build=GRCh38");
    }

    [TestMethod]
    public async Task RefusesARedirectOutsideTheFormsPrefixAndStoresNothing()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();
        fields["success_action_redirect"] = "https://attacker.example/annotate/job?build=GRCh38";

        var refused = await browser.PostToStoreAsync(action, fields, "evil.vcf", "##fileformat=VCFv4.2\n"u8.ToArray());

        Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "success_action_redirect");
        var objects = Path.Combine(app.DataDirectory, "objects");
        Assert.IsFalse(Directory.Exists(objects) && Directory.EnumerateFiles(objects, "*evil.vcf", SearchOption.AllDirectories).Any());
    }

    [TestMethod]
    public async Task TheFormLivesTenMinutes()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2));
        var late = await browser.PostToStoreAsync(action, fields, "late.vcf", "1"u8.ToArray());

        Assert.AreEqual(HttpStatusCode.Forbidden, late.StatusCode);
        StringAssert.Contains(await late.Content.ReadAsStringAsync(), "Policy expired");
    }
}
