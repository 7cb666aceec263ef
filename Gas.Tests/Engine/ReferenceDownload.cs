using System.IO.Compression;
using System.Net;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Sequence;
using Gas.Tests.Support;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Engine;

/// <summary>reference fetch against a real HTTP server on loopback laid out like UCSC's goldenPath and NCBI's dbSNP folders.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class ReferenceDownload
{
    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }

    private static byte[] GzipOf(string path) => Gzip(File.ReadAllBytes(path));

    private static async Task<LoopbackFileServer> UcscAndNcbiAsync(string build)
    {
        var server = await LoopbackFileServer.StartAsync(EngineTestData.NewTempDirectory());
        server.Put($"goldenPath/{build}/database/refGene.txt.gz", Gzip(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', ProteinFixture.RefGene) + "\n")));
        server.Put($"goldenPath/{build}/database/cytoBand.txt.gz", GzipOf(Path.Combine(EngineTestData.SyntheticDirectory, "synthetic_cytoBand.txt")));
        server.Put($"goldenPath/{build}/database/gwasCatalog.txt.gz", GzipOf(Path.Combine(EngineTestData.SyntheticDirectory, "synthetic_gwascatalog.txt")));
        var genome = Path.Combine(EngineTestData.NewTempDirectory(), "g.2bit");
        TwoBitWriter.Write(genome, [("chr5", ProteinFixture.Chr5), ("chr7", ProteinFixture.Chr7)]);
        server.Put($"goldenPath/{build}/bigZips/{build}.2bit", File.ReadAllBytes(genome));
        var dbSnp = build == "hg38" ? "human_9606_b151_GRCh38p7/VCF/common_all_20180418.vcf.gz" : "human_9606_b151_GRCh37p13/VCF/common_all_20180423.vcf.gz";
        server.Put($"snp/organisms/{dbSnp}", GzipOf(Path.Combine(EngineTestData.SyntheticDirectory, "synthetic_dbsnp.vcf")));
        return server;
    }

    private static ReferenceFetcher Fetcher(HttpClient http, Uri baseUrl, params string[] urls) =>
        new(http, Options.Create(new EngineOptions
        {
            UcscBaseUrl = new Uri(baseUrl, "goldenPath/").ToString(),
            NcbiBaseUrl = baseUrl.ToString(),
            DownloadUrls = urls.Length > 0 ? urls : null,
        }), TimeProvider.System);

    [TestMethod]
    public async Task FetchesABuildsTablesAndGenomeIntoItsOwnFolder()
    {
        await using var server = await UcscAndNcbiAsync("hg38");
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();

        var fetched = await Fetcher(http, server.BaseUrl).FetchBuildAsync(directory, GenomeBuild.Grch38, withDbSnp: false, TextWriter.Null);

        Assert.HasCount(4, fetched);
        CollectionAssert.AreEquivalent(
            new[] { "refGene.txt.gz", "cytoBand.txt.gz", "gwasCatalog.txt.gz", "hg38.2bit", ReferenceFetcher.ManifestFileName },
            Directory.GetFiles(Path.Combine(directory, "hg38")).Select(Path.GetFileName).ToArray());
        var library = new ReferenceLibrary(directory, EngineTestData.NewTempDirectory());
        CollectionAssert.AreEqual(new[] { GenomeBuild.Grch38 }, library.Builds.ToArray());
        var reference = library.Get(GenomeBuild.Grch38)!;
        Assert.IsNotNull(reference.Genome, "the 2bit is picked up: ExonicFunc is on");
        Assert.AreEqual(3, reference.TranscriptCount);
    }

    [TestMethod]
    public async Task AddsNcbisCommonDbSnpVcfWhenAskedSoRsIdsFillTheIdColumn()
    {
        await using var server = await UcscAndNcbiAsync("hg19");
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();

        await Fetcher(http, server.BaseUrl).FetchBuildAsync(directory, GenomeBuild.Grch37, withDbSnp: true, TextWriter.Null);

        CollectionAssert.Contains(server.Requested, "snp/organisms/human_9606_b151_GRCh37p13/VCF/common_all_20180423.vcf.gz");
        var reference = new ReferenceLibrary(directory, EngineTestData.NewTempDirectory()).Get(GenomeBuild.Grch37)!;
        Assert.IsTrue(reference.HasDbSnp);
    }

    [TestMethod]
    public async Task DownloadsExactlyTheConfiguredUrlsIntoTheFolderItselfWhenTheyAreSet()
    {
        await using var server = await UcscAndNcbiAsync("hg19");
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();

        var fetched = await Fetcher(http, server.BaseUrl, new Uri(server.BaseUrl, "goldenPath/hg19/database/refGene.txt.gz").ToString())
            .FetchAsync(directory, TextWriter.Null);

        Assert.HasCount(1, fetched);
        Assert.IsTrue(File.Exists(Path.Combine(directory, "refGene.txt.gz")));
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(directory, ReferenceFetcher.ManifestFileName)), "refGene.txt.gz");
    }

    [TestMethod]
    public void PointsAtUcscAndNcbiByDefault()
    {
        var hg19 = ReferenceCatalog.For(GenomeBuild.Grch37, withDbSnp: true).Select(f => f.Source.ToString()).ToList();
        var hg38 = ReferenceCatalog.For(GenomeBuild.Grch38, withDbSnp: false).Select(f => f.Source.ToString()).ToList();

        CollectionAssert.Contains(hg19, "https://hgdownload.soe.ucsc.edu/goldenPath/hg19/database/refGene.txt.gz");
        CollectionAssert.Contains(hg19, "https://hgdownload.soe.ucsc.edu/goldenPath/hg19/bigZips/hg19.2bit");
        CollectionAssert.Contains(hg19, "https://ftp.ncbi.nih.gov/snp/organisms/human_9606_b151_GRCh37p13/VCF/common_all_20180423.vcf.gz");
        CollectionAssert.Contains(hg38, "https://hgdownload.soe.ucsc.edu/goldenPath/hg38/database/gwasCatalog.txt.gz");
        CollectionAssert.Contains(hg38, "https://hgdownload.soe.ucsc.edu/goldenPath/hg38/bigZips/hg38.2bit");
        Assert.IsTrue(new EngineOptions().EffectiveDownloadUrls.All(u => u.StartsWith("https://hgdownload.soe.ucsc.edu/goldenPath/hg19/database/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task FailsOnAnHttpErrorWithoutLeavingAPartialFile()
    {
        await using var server = await LoopbackFileServer.StartAsync(EngineTestData.NewTempDirectory());
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();

        var error = await Assert.ThrowsExactlyAsync<HttpRequestException>(() =>
            Fetcher(http, server.BaseUrl).FetchBuildAsync(directory, GenomeBuild.Grch37, withDbSnp: false, TextWriter.Null));

        Assert.AreEqual(HttpStatusCode.NotFound, error.StatusCode);
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(directory, "hg19")));
    }

    [TestMethod]
    [DataRow("broken/refGene.txt.gz")]
    [DataRow("broken/hg19.2bit")]
    public async Task RefusesAnErrorPageServedInPlaceOfATableOrGenome(string path)
    {
        await using var server = await LoopbackFileServer.StartAsync(EngineTestData.NewTempDirectory());
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();

        await Assert.ThrowsExactlyAsync<InvalidDataException>(() =>
            Fetcher(http, server.BaseUrl, new Uri(server.BaseUrl, path).ToString()).FetchAsync(directory, TextWriter.Null));

        Assert.IsFalse(File.Exists(Path.Combine(directory, Path.GetFileName(path))));
    }

    [TestMethod]
    public async Task ResumesEveryFileWhoseConnectionBrokeHalfWayWithARangeRequestAndChecksItsMd5()
    {
        await using var server = await UcscAndNcbiAsync("hg19");
        server.PublishMd5Sums("goldenPath/hg19/database");
        server.PublishMd5Sums("goldenPath/hg19/bigZips");
        server.CutFirstDownloads = true;
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();
        var log = new StringWriter();
        var reports = new List<FetchProgress>();

        var fetched = await Fetcher(http, server.BaseUrl)
            .FetchBuildAsync(directory, GenomeBuild.Grch37, withDbSnp: false, log, new SynchronousProgress(reports.Add));

        Assert.HasCount(4, fetched);
        foreach (var file in fetched)
        {
            var path = server.Requested.Distinct().Single(p => p.EndsWith("/" + Path.GetFileName(file.Path), StringComparison.Ordinal) && server.CutAt.ContainsKey(p));
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(server.Root, path)), File.ReadAllBytes(file.Path), path);
            CollectionAssert.Contains(server.Ranges, (path, $"bytes={server.CutAt[path]}-"), $"{path} resumed where it broke off");
        }

        StringAssert.Contains(log.ToString(), "resuming at");
        StringAssert.Contains(log.ToString(), "matches md5sum.txt");
        Assert.AreEqual(100, reports[^1].Percent);
        Assert.IsTrue(reports.Any(r => r.Percent is > 0 and < 100), "progress between the ends is reported");
        Assert.IsEmpty(Directory.GetFiles(Path.Combine(directory, "hg19"), "*.download"));
    }

    [TestMethod]
    public async Task ResumesAPartialFileAnEarlierRunLeftBehind()
    {
        await using var server = await UcscAndNcbiAsync("hg19");
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();
        var source = File.ReadAllBytes(Path.Combine(server.Root, "goldenPath/hg19/bigZips/hg19.2bit"));
        Directory.CreateDirectory(Path.Combine(directory, "hg19"));
        File.WriteAllBytes(Path.Combine(directory, "hg19", "hg19.2bit.download"), source[..(source.Length / 3)]);

        await Fetcher(http, server.BaseUrl).FetchBuildAsync(directory, GenomeBuild.Grch37, withDbSnp: false, TextWriter.Null);

        CollectionAssert.AreEqual(source, File.ReadAllBytes(Path.Combine(directory, "hg19", "hg19.2bit")));
        CollectionAssert.Contains(server.Ranges, ("goldenPath/hg19/bigZips/hg19.2bit", $"bytes={source.Length / 3}-"));
    }

    [TestMethod]
    public async Task RefusesAFileWhoseMd5DoesNotMatchTheFoldersMd5SumList()
    {
        await using var server = await UcscAndNcbiAsync("hg19");
        server.PublishMd5Sums("goldenPath/hg19/database", wrongFor: "cytoBand.txt.gz");
        using var http = new HttpClient();
        var directory = EngineTestData.NewTempDirectory();

        var error = await Assert.ThrowsExactlyAsync<InvalidDataException>(() =>
            Fetcher(http, server.BaseUrl).FetchBuildAsync(directory, GenomeBuild.Grch37, withDbSnp: false, TextWriter.Null));

        StringAssert.Contains(error.Message, "cytoBand.txt.gz does not match md5sum.txt");
        Assert.IsFalse(File.Exists(Path.Combine(directory, "hg19", "cytoBand.txt.gz")));
        Assert.IsFalse(File.Exists(Path.Combine(directory, "hg19", "cytoBand.txt.gz.download")));
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so its last report may come late).</summary>
    private sealed class SynchronousProgress(Action<FetchProgress> report) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => report(value);
    }
}
