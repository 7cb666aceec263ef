using System.IO.Compression;
using System.Net;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Engine;

/// <summary>reference fetch: downloads the configured tables over HTTP (a stub handler stands in for UCSC).</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class ReferenceDownload
{
    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<Uri> Requested { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requested.Add(request.RequestUri!);
            return Task.FromResult(answer(request));
        }
    }

    private static byte[] GzipOf(string path)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(path));
        }

        return buffer.ToArray();
    }

    private static ReferenceFetcher Fetcher(StubHandler handler, params string[] urls) =>
        new(new HttpClient(handler), Options.Create(new EngineOptions { DownloadUrls = urls }), TimeProvider.System);

    [TestMethod]
    public async Task DownloadsEachConfiguredTableIntoTheReferenceFolder()
    {
        var tables = new Dictionary<string, byte[]>
        {
            ["refGene.txt.gz"] = GzipOf(Path.Combine(EngineTestData.SyntheticDirectory, "synthetic_refGene.txt")),
            ["cytoBand.txt.gz"] = GzipOf(Path.Combine(EngineTestData.SyntheticDirectory, "synthetic_cytoBand.txt")),
        };
        var handler = new StubHandler(r => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(tables[r.RequestUri!.Segments[^1]]) });
        var directory = EngineTestData.NewTempDirectory();

        var fetched = await Fetcher(handler, "https://hgdownload.example/hg19/database/refGene.txt.gz", "https://hgdownload.example/hg19/database/cytoBand.txt.gz")
            .FetchAsync(directory, TextWriter.Null);

        Assert.HasCount(2, fetched);
        Assert.HasCount(2, handler.Requested);
        CollectionAssert.AreEqual(tables["refGene.txt.gz"], await File.ReadAllBytesAsync(Path.Combine(directory, "refGene.txt.gz")));
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(directory, "gas-reference-sources.tsv")), "cytoBand.txt.gz");
        var reference = ReferenceLoader.Load(directory);
        Assert.IsNotNull(reference.Find("1"));
        Assert.AreEqual(EngineTestData.Synthetic.TranscriptCount, reference.TranscriptCount);
    }

    [TestMethod]
    public void DefaultsToUcscHg19()
    {
        var urls = new EngineOptions().EffectiveDownloadUrls;

        Assert.IsTrue(urls.All(u => u.StartsWith("https://hgdownload.soe.ucsc.edu/goldenPath/hg19/database/", StringComparison.Ordinal)));
        CollectionAssert.Contains(urls.ToList(), "https://hgdownload.soe.ucsc.edu/goldenPath/hg19/database/refGene.txt.gz");
    }

    [TestMethod]
    public async Task FailsOnAnHttpErrorWithoutLeavingAPartialFile()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var directory = EngineTestData.NewTempDirectory();

        var error = await Assert.ThrowsExactlyAsync<HttpRequestException>(() =>
            Fetcher(handler, "https://hgdownload.example/hg19/database/refGene.txt.gz").FetchAsync(directory, TextWriter.Null));

        Assert.AreEqual(HttpStatusCode.NotFound, error.StatusCode);
        Assert.IsEmpty(Directory.GetFiles(directory));
    }

    [TestMethod]
    public async Task RefusesAnErrorPageServedInPlaceOfAGzipTable()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>maintenance</html>") });
        var directory = EngineTestData.NewTempDirectory();

        await Assert.ThrowsExactlyAsync<InvalidDataException>(() =>
            Fetcher(handler, "https://hgdownload.example/hg19/database/refGene.txt.gz").FetchAsync(directory, TextWriter.Null));

        Assert.IsFalse(File.Exists(Path.Combine(directory, "refGene.txt.gz")));
    }
}
