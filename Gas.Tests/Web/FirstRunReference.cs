using System.Net;
using Gas.Annotator.Engine.FirstRun;
using Gas.Annotator.Engine.Sequence;
using Gas.Tests.Engine;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>
/// The embedded service's first start with no reference configured: it downloads hg19 from a real HTTP server on loopback
/// laid out like UCSC's goldenPath (serving ../shared/refdata, cutting every file's first download half-way), while a job
/// submitted meanwhile waits as PENDING and says why; or, when the source cannot be reached, says why and how to fix it.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class FirstRunReference
{
    internal static readonly byte[] Nod2Vcf = System.Text.Encoding.UTF8.GetBytes(
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n16\t50745926\t.\tC\tT\t.\t.\t.\n");

    internal static async Task<LoopbackFileServer> UcscMirrorOfSharedRefdataAsync()
    {
        var server = await LoopbackFileServer.StartAsync(Paths.NewTempDirectory());
        var shared = EngineTestData.SharedReferenceDirectory();
        server.Put("goldenPath/hg19/database/refGene.txt.gz", File.ReadAllBytes(Path.Combine(shared, "hg19_refFlat_2011.txt.gz")));
        server.Put("goldenPath/hg19/database/cytoBand.txt.gz", File.ReadAllBytes(Path.Combine(shared, "hg19_cytoBand.txt.gz")));
        server.Put("goldenPath/hg19/database/gwasCatalog.txt.gz", File.ReadAllBytes(Path.Combine(shared, "gwascatalog_2012-04.txt.gz")));
        // the real hg19.2bit is about 800 MB: a small genome stands in for it (no transcript lies on its one sequence)
        var genome = Path.Combine(Paths.NewTempDirectory(), "hg19.2bit");
        TwoBitWriter.Write(genome, [("chrGasTest", string.Concat(Enumerable.Repeat("ACGTTGCA", 4096)))]);
        server.Put("goldenPath/hg19/bigZips/hg19.2bit", File.ReadAllBytes(genome));
        server.PublishMd5Sums("goldenPath/hg19/database");
        server.PublishMd5Sums("goldenPath/hg19/bigZips");
        return server;
    }

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    [TestMethod]
    public async Task DownloadsHg19OnFirstStartWhileASubmittedJobWaitsAsPendingThenAnnotatesIt()
    {
        await using var server = await UcscMirrorOfSharedRefdataAsync();
        server.CutFirstDownloads = true;
        server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Engine:AutoFetch"] = "true",
            ["Gas:Engine:UcscBaseUrl"] = new Uri(server.BaseUrl, "goldenPath/").ToString(),
        });
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        var job = await browser.SubmitJobAsync("nod2.vcf", Nod2Vcf);

        var waiting = Text(await browser.Client.GetStringAsync($"/annotations/{job}"));
        StringAssert.Contains(waiting, "Downloading hg19 reference data: 0 %");
        StringAssert.Contains(waiting, "Waiting for the hg19 reference data to download (0 %)");
        StringAssert.Contains(await browser.Client.GetStringAsync($"/annotations/{job}?handler=Status"), "\"PENDING\"");
        StringAssert.Contains(Text(await browser.Client.GetStringAsync("/annotations")), "Downloading hg19 reference data", "the banner is on every page");

        server.Hold.SetResult();
        var provisioning = app.Services.GetRequiredService<ReferenceProvisioning>();
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(job, () => $"provisioning: {provisioning.Stage} {provisioning.Banner}"));
        var details = Text(await browser.Client.GetStringAsync($"/annotations/{job}"));
        StringAssert.Contains(details, "Reference: ");
        StringAssert.Contains(details, "<dd id=\"genome-build\">GRCh37</dd>");
        var link = await browser.Client.GetAsync($"/annotations/{job}/results");
        var vcf = await (await browser.Client.GetAsync(link.Headers.Location)).Content.ReadAsStringAsync();
        StringAssert.Contains(vcf, "Gene.refGene=NOD2");

        await Wait.UntilAsync(() => Task.FromResult(provisioning.Stage == ProvisioningStage.Ready), "the genome is fetched too",
            () => $"provisioning: {provisioning.Stage} {provisioning.Banner}");
        Assert.DoesNotContain("reference-banner", await browser.Client.GetStringAsync("/annotations"));
        var folder = Path.Combine(app.DataDirectory, "reference", "hg19");
        foreach (var (path, cutAt) in server.CutAt)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(server.Root, path)), File.ReadAllBytes(Path.Combine(folder, Path.GetFileName(path))), path);
            CollectionAssert.Contains(server.Ranges, (path, $"bytes={cutAt}-"), $"{path} resumed where its connection broke");
        }

        Assert.HasCount(4, server.CutAt);
    }

    [TestMethod]
    public async Task SaysWhyAndHowToFixItOnTheBannerAndTheJobWhenTheSourceCannotBeReached()
    {
        // a loopback port nothing listens on: the connection is refused, as on a machine without network
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Engine:AutoFetch"] = "true",
            ["Gas:Engine:UcscBaseUrl"] = $"http://127.0.0.1:{port}/goldenPath/",
            ["Gas:Engine:DownloadAttempts"] = "1",
        });
        using var browser = app.NewSession();
        await browser.RegisterAsync();

        var job = await browser.SubmitJobAsync("nod2.vcf", Nod2Vcf);

        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(job));
        var details = Text(await browser.Client.GetStringAsync($"/annotations/{job}"));
        StringAssert.Contains(details, "Could not download the hg19 reference data");
        StringAssert.Contains(details, "No usable reference data (the hg19 reference data could not be downloaded");
        StringAssert.Contains(details, "reference fetch --reference " + Path.Combine(app.DataDirectory, "reference"));
        StringAssert.Contains(details, "Gas:Engine:ReferenceDirectory");
        StringAssert.Contains(Text(await browser.Client.GetStringAsync("/")), "Could not download the hg19 reference data", "the banner is on every page");
    }
}
