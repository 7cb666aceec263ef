using Gas.Tests.Engine;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>With reference tables configured, the job page names them and warns about another genome build.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ReferenceAnnotation
{
    [TestMethod]
    public async Task RefusesAnInputFromAnotherBuildAndAnnotatesItOnlyAgainstABuildTheUserChooses()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SharedReferenceDirectory(),
            ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("web"),
        });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var ncbi36 = await File.ReadAllBytesAsync(Paths.Sample("free_2.vcf"));

        // Detect (the default): the header says NCBI36, which GAS does not annotate
        var detected = await browser.SubmitJobAsync("free_2.vcf", ncbi36);
        Assert.AreEqual("FAILED", await browser.WaitForFinishedAsync(detected));
        var refused = System.Net.WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{detected}"));
        StringAssert.Contains(refused, "NCBI36");
        StringAssert.Contains(refused, "GRCh37 and GRCh38 only");

        // chosen on upload: annotated against GRCh37, with the build warning
        var chosen = await browser.SubmitJobAsync("free_2.vcf", ncbi36, build: "GRCh37");
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(chosen));
        var details = System.Net.WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{chosen}"));
        StringAssert.Contains(details, "<dd id=\"genome-build\">GRCh37</dd>");
        StringAssert.Contains(details, "Genome build: GRCh37 (chosen on upload)");
        StringAssert.Contains(details, "Reference: ");
        StringAssert.Contains(details, "refFlat");
        StringAssert.Contains(details, "NCBI36");
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{chosen}/log"), "NCBI36");

        var link = await browser.Client.GetAsync($"/annotations/{chosen}/results");
        var vcf = await (await browser.Client.GetAsync(link.Headers.Location)).Content.ReadAsStringAsync();
        StringAssert.Contains(vcf, "##INFO=<ID=Func.refGene,Number=A");
    }

    [TestMethod]
    public async Task DetectsTheBuildFromTheHeaderAndSaysSoOnTheJobPage()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SharedReferenceDirectory(),
            ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("web"),
        });
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        var vcf = "##fileformat=VCFv4.2\n##reference=file:///data/human_g1k_v37.fasta\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n16\t50745926\t.\tC\tT\t.\t.\t.\n";
        var job = await browser.SubmitJobAsync("b37.vcf", System.Text.Encoding.UTF8.GetBytes(vcf));

        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(job));
        var details = System.Net.WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{job}"));
        StringAssert.Contains(details, "<dd id=\"genome-build\">GRCh37</dd>");
        StringAssert.Contains(details, "detected from ##reference=file:///data/human_g1k_v37.fasta");
    }

    [TestMethod]
    public async Task RejectsARedirectWithAnUnknownBuild()
    {
        using var app = new GasAppFactory();
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();
        fields["success_action_redirect"] = fields["success_action_redirect"].Replace("build=detect", "build=hg17", StringComparison.Ordinal);

        var stored = await browser.PostToStoreAsync(action, fields, "x.vcf", "##fileformat=VCFv4.2\n"u8.ToArray());
        Assert.AreEqual(System.Net.HttpStatusCode.Redirect, stored.StatusCode, "the store allows any redirect under the page's prefix");
        var created = await browser.Client.GetAsync(stored.Headers.Location);

        Assert.AreEqual(System.Net.HttpStatusCode.BadRequest, created.StatusCode);
    }
}
