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
    public async Task TheJobPageNamesTheReferenceAndFlagsAnInputFromAnotherBuild()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SharedReferenceDirectory(),
            ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("web"),
        });
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        var ncbi36 = await browser.SubmitJobAsync("free_2.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_2.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(ncbi36));
        var details = System.Net.WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{ncbi36}"));
        StringAssert.Contains(details, "Reference: ");
        StringAssert.Contains(details, "refFlat");
        StringAssert.Contains(details, "NCBI36");
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{ncbi36}/log"), "NCBI36");

        var link = await browser.Client.GetAsync($"/annotations/{ncbi36}/results");
        var vcf = await (await browser.Client.GetAsync(link.Headers.Location)).Content.ReadAsStringAsync();
        StringAssert.Contains(vcf, "##INFO=<ID=Func.refGene");
    }
}
