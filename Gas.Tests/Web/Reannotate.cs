using System.Net;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Tests.Engine;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>The job page's "Re-annotate" button: a new job from the same input with the build chosen again, for the owner only.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class Reannotate
{
    private static readonly byte[] Nod2Vcf = System.Text.Encoding.UTF8.GetBytes(
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n16\t50745926\t.\tC\tT\t.\t.\t.\n");

    private static async Task<HttpResponseMessage> PostReannotateAsync(BrowserSession browser, string jobId, string build, string? tokenPage = null)
    {
        var page = await browser.Client.GetStringAsync(tokenPage ?? $"/annotations/{jobId}");
        return await browser.Client.PostAsync($"/annotations/{jobId}/reannotate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page),
            ["build"] = build,
        }));
    }

    private static async Task<byte[]> InputOfAsync(BrowserSession browser, string jobId)
    {
        var link = await browser.Client.GetAsync($"/annotations/{jobId}/input");
        return await browser.Client.GetByteArrayAsync(link.Headers.Location);
    }

    [TestMethod]
    public async Task MakesANewJobFromTheSameInputAnnotatedAgainstTheChosenBuild()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SharedReferenceDirectory(),
            ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("web"),
        });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var first = await browser.SubmitJobAsync("nod2.vcf", Nod2Vcf);
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(first));
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{first}"), "Re-annotate");

        var posted = await PostReannotateAsync(browser, first, "GRCh37");

        Assert.AreEqual(HttpStatusCode.Redirect, posted.StatusCode, await posted.Content.ReadAsStringAsync());
        var second = posted.Headers.Location!.ToString()["/annotations/".Length..];
        Assert.AreNotEqual(first, second);
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(second));
        var details = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{second}"));
        StringAssert.Contains(details, "Genome build: GRCh37 (chosen on upload)");
        StringAssert.Contains(details, "nod2.vcf");
        CollectionAssert.AreEqual(Nod2Vcf, await InputOfAsync(browser, second));
        CollectionAssert.AreEqual(Nod2Vcf, await InputOfAsync(browser, first), "the first job keeps its own input");
    }

    [TestMethod]
    public async Task AnswersNotFoundToAnyoneButTheOwnerAndRefusesAPostWithoutItsAntiforgeryToken()
    {
        using var app = new GasAppFactory();
        using var owner = app.NewSession();
        await owner.RegisterAsync();
        var job = await owner.SubmitJobAsync("nod2.vcf", Nod2Vcf);
        Assert.AreEqual("COMPLETED", await owner.WaitForFinishedAsync(job));
        using var other = app.NewSession();
        await other.RegisterAsync();

        // the other user's own valid token, from the one form every signed-in user has
        var foreign = await PostReannotateAsync(other, job, "detect", tokenPage: "/Account/Logout");
        var forged = await owner.Client.PostAsync($"/annotations/{job}/reannotate", new FormUrlEncodedContent(new Dictionary<string, string> { ["build"] = "detect" }));
        var unknownBuild = await PostReannotateAsync(owner, job, "hg17");

        Assert.AreEqual(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, unknownBuild.StatusCode);
        var store = app.Services.GetRequiredService<IJobStore>();
        var owned = await store.ListByUserAsync((await store.GetAsync(job))!.UserId, 10);
        Assert.HasCount(1, owned.Jobs, "no job was made");
    }

    [TestMethod]
    public async Task SaysTheInputIsGoneWhenItIsNoLongerInStorage()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var job = await browser.SubmitJobAsync("nod2.vcf", Nod2Vcf);
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(job));
        var stored = await app.Services.GetRequiredService<IJobStore>().GetAsync(job);
        await app.Services.GetRequiredService<IObjectStore>().DeleteAsync(stored!.InputsBucket, stored.InputKey);

        var posted = await PostReannotateAsync(browser, job, "detect");

        Assert.AreEqual(HttpStatusCode.Gone, posted.StatusCode);
        StringAssert.Contains(WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), "The input file nod2.vcf is no longer in storage");
    }

    [TestMethod]
    public async Task AFreeUserWhoseInputIsOverTheConfiguredLimitIsToldThatLimitInWords()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Retention:FreeMaxInputBytes"] = "80" });
        using var first = app.NewSession();
        await first.RegisterAsync();
        await ChangePlanAsync(app, first.Email, (plans, user) => plans.UpgradeAsync(user));
        using var premium = app.NewSession();
        await premium.LoginAsync(first.Email, "Amber-Otter-Lantern-62");
        var job = await premium.SubmitJobAsync("nod2.vcf", Nod2Vcf);
        Assert.AreEqual("COMPLETED", await premium.WaitForFinishedAsync(job));
        await ChangePlanAsync(app, first.Email, async (plans, user) => { await plans.DowngradeAsync(user); return true; });
        using var free = app.NewSession();
        await free.LoginAsync(first.Email, "Amber-Otter-Lantern-62");

        var posted = await PostReannotateAsync(free, job, "detect");

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, posted.StatusCode);
        var page = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        var limit = app.Services.GetRequiredService<PlanWords>().FreeMaxInput;
        StringAssert.Contains(page, $"larger than the Free plan allows ({limit})");
        Assert.DoesNotContain("150 KB", page);
    }

    private static Task<bool> ChangePlanAsync(GasAppFactory app, string email, Func<PlanChanges, GasUser, Task<bool>> change) =>
        app.InScopeAsync(async services =>
        {
            var user = await services.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(email);
            return await change(services.GetRequiredService<PlanChanges>(), user!);
        });
}
