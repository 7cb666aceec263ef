using System.Net;
using System.Text.RegularExpressions;
using Gas.Core.VariantIndex;
using Gas.Tests.Engine;
using Gas.Tests.Support;

namespace Gas.Tests.Results;

/// <summary>
/// premium_2.vcf annotated against the shared hg19 tables: the job page's summary, the variant table's filters and the
/// filtered downloads, each checked against the test's own count of the annotated VCF.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed partial class ResultsPages
{
    private static GasAppFactory _app = null!;
    private static BrowserSession _owner = null!;
    private static string _jobId = "";
    private static VcfTally _vcf = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        _app = NewApp();
        _owner = _app.NewSession();
        await _owner.RegisterAsync();
        _jobId = await _owner.SubmitJobAsync("premium_2.vcf", await File.ReadAllBytesAsync(Paths.Sample("premium_2.vcf")));
        Assert.AreEqual("COMPLETED", await _owner.WaitForFinishedAsync(_jobId));
        var link = await _owner.Client.GetAsync($"/annotations/{_jobId}/results");
        _vcf = new VcfTally(await _owner.Client.GetStringAsync(link.Headers.Location));
    }

    [ClassCleanup]
    public static void Stop()
    {
        _owner.Dispose();
        _app.Dispose();
    }

    /// <summary>The whole service with the hg19 tables; no util role, so nothing archives behind the tests' back.</summary>
    internal static GasAppFactory NewApp() => new(new Dictionary<string, string?>
    {
        ["Gas:Roles"] = "web,annotator",
        ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SharedReferenceDirectory(),
        ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("web"),
        ["Gas:Retention:FreeMaxInputBytes"] = "1000000",
    });

    private static async Task<string> PageAsync(string path)
    {
        var response = await _owner.Client.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Chart(string html, string title)
    {
        var match = Regex.Match(html, "aria-label=\"" + Regex.Escape(title) + ": ([^\"]*)\"");
        Assert.IsTrue(match.Success, $"no chart '{title}'");
        return match.Groups[1].Value;
    }

    private static long Matching(string html) => long.Parse(TableHeading().Match(html).Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    [TestMethod]
    public async Task TheJobPageSummarisesWhatTheAnnotatedVcfHolds()
    {
        var html = await PageAsync($"/annotations/{_jobId}");
        var text = Regex.Replace(html, "<[^>]+>", "");
        var alleles = _vcf.Alleles;
        StringAssert.Contains(text, $"{_vcf.Records.Count:N0} variants (VCF records), {alleles.Count:N0} alleles processed");
        Assert.AreEqual(VcfTally.Counts(alleles.Select(a => a.Func ?? "(none)")), Chart(html, "Alleles per region class (Func.refGene)"));
        Assert.AreEqual(
            string.Join(", ", alleles.GroupBy(a => a.Chrom).OrderBy(g => ChromosomeOrder.Rank(g.Key)).Select(g => $"chr{g.Key} {g.Count():N0}")),
            Chart(html, "Alleles per chromosome"));
        StringAssert.Contains(text, $"Known (rsID): {alleles.Count(a => a.Known):N0}");
        StringAssert.Contains(text, $"novel: {alleles.Count(a => !a.Known):N0}");
        StringAssert.Contains(text, $"GWAS catalog hits: {alleles.Count(a => a.Gwas is not null):N0}");
        StringAssert.Contains(text, "Genome build: GRCh37 (hg19)");

        var top = alleles.SelectMany(a => a.Genes).GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(20).ToList();
        var shown = GeneLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
        CollectionAssert.AreEqual(top.Select(g => g.Key).ToList(), shown, "the 20 genes with most alleles, most first, each a link that filters the table");
    }

    [TestMethod]
    public async Task EachFilterNarrowsTheTableAndItsSummaryToTheMatchingAlleles()
    {
        var alleles = _vcf.Alleles;
        var gene = alleles.SelectMany(a => a.Genes).GroupBy(g => g).OrderByDescending(g => g.Count()).First().Key;
        var trait = alleles.First(a => a.Gwas is not null).Gwas!.Split(',')[0];
        var word = trait.Split('_')[0];
        var cases = new (string Query, Func<VcfTally.Allele, bool> Matches)[]
        {
            ("func=exonic", a => a.Func == "exonic"),
            ("func=intronic&func=UTR3", a => a.Func is "intronic" or "UTR3"),
            ($"gene={gene}", a => a.Genes.Contains(gene)),
            ($"gene={gene.ToLowerInvariant()}", a => a.Genes.Contains(gene)),
            ("chrom=1", a => a.Chrom == "1"),
            ("chrom=chr2", a => a.Chrom == "2"),
            ("region=1:1-20000000", a => a.Chrom == "1" && a.Pos <= 20_000_000),
            ("region=chr17:1-41500000&func=exonic", a => a.Chrom == "17" && a.Pos <= 41_500_000 && a.Func == "exonic"),
            ("gwas=1", a => a.Gwas is not null),
            ("known=1", a => a.Known),
            ("known=0&func=exonic", a => !a.Known && a.Func == "exonic"),
            ($"q={word}", a => a.Mentions(word)),
            ("q=p36", a => a.Mentions("p36")),
            ("exonicfunc=no_such_effect", _ => false),
        };
        foreach (var (query, matches) in cases)
        {
            var expected = alleles.Where(matches).ToList();
            var html = await PageAsync($"/annotations/{_jobId}/variants?{query}");
            Assert.AreEqual(expected.Count, Matching(html), query);
            Assert.AreEqual(Math.Min(50, expected.Count), RowPosition().Count(html), query);
            if (expected.Count > 0)
            {
                Assert.AreEqual(VcfTally.Counts(expected.Select(a => a.Func ?? "(none)")), Chart(html, "Alleles per region class (Func.refGene)"),
                    $"{query}: the summary follows the filter");
                StringAssert.Contains(html, $"<strong>{expected.Count:N0}</strong> matching alleles of {alleles.Count:N0}", query);
            }
        }
    }

    [TestMethod]
    public async Task TheTableIsPagedFiftyAtATimeAndSortsOnTheServer()
    {
        var alleles = _vcf.Alleles;
        var pages = (alleles.Count + 49) / 50;
        var first = await PageAsync($"/annotations/{_jobId}/variants");
        CollectionAssert.AreEqual(alleles.Take(50).Select(a => $"{a.Chrom}:{a.Pos:N0}").ToList(), Positions(first));
        StringAssert.Contains(first, $"Page 1 of {pages}");

        var last = await PageAsync($"/annotations/{_jobId}/variants?page={pages}");
        CollectionAssert.AreEqual(alleles.Skip((pages - 1) * 50).Select(a => $"{a.Chrom}:{a.Pos:N0}").ToList(), Positions(last));
        Assert.IsFalse(last.Contains("rel=\"next\"", StringComparison.Ordinal));

        var reversed = await PageAsync($"/annotations/{_jobId}/variants?sort=-position");
        Assert.AreEqual($"{alleles[^1].Chrom}:{alleles[^1].Pos:N0}", Positions(reversed)[0]);

        var byQual = await PageAsync($"/annotations/{_jobId}/variants?sort=qual");
        var best = _vcf.Records.Select(r => r.Split('\t')).OrderByDescending(c => double.Parse(c[5], System.Globalization.CultureInfo.InvariantCulture)).First();
        Assert.AreEqual($"{best[0]}:{long.Parse(best[1], System.Globalization.CultureInfo.InvariantCulture):N0}", Positions(byQual)[0]);
    }

    private static List<string> Positions(string html) => [.. RowPosition().Matches(html).Select(m => m.Groups[1].Value)];

    [TestMethod]
    public async Task DownloadsStreamExactlyTheMatchingRowsNamedAfterTheInputAndTheFilter()
    {
        var gene = _vcf.Alleles.Where(a => a.Func == "exonic").SelectMany(a => a.Genes).GroupBy(g => g).OrderByDescending(g => g.Count()).First().Key;
        var expected = _vcf.Alleles.Where(a => a.Func == "exonic" && a.Genes.Contains(gene)).ToList();

        var tsv = await _owner.Client.GetAsync($"/annotations/{_jobId}/variants?func=exonic&gene={gene}&format=tsv");
        Assert.AreEqual(HttpStatusCode.OK, tsv.StatusCode);
        Assert.AreEqual($"premium_2.exonic.{gene}.tsv", tsv.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await tsv.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        StringAssert.StartsWith(lines[0], "Chrom\tPos\tID\tRef\tAlt");
        CollectionAssert.AreEqual(expected.Select(a => $"{a.Chrom}\t{a.Pos}\t{a.Id}\t{a.Ref}\t{a.Alt}").ToList(),
            lines.Skip(1).Select(l => string.Join('\t', l.Split('\t').Take(5))).ToList());

        var vcf = await _owner.Client.GetAsync($"/annotations/{_jobId}/variants?func=exonic&gene={gene}&format=vcf");
        Assert.AreEqual($"premium_2.exonic.{gene}.vcf", vcf.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var downloaded = new VcfTally(await vcf.Content.ReadAsStringAsync());
        CollectionAssert.AreEqual(_vcf.HeaderLines, downloaded.HeaderLines, "the full header");
        CollectionAssert.AreEqual(expected.Select(a => _vcf.Records[a.Record]).Distinct().ToList(), downloaded.Records);

        var all = await _owner.Client.GetAsync($"/annotations/{_jobId}/variants?format=vcf");
        Assert.AreEqual("premium_2.all.vcf", all.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.AreEqual(_vcf.Records.Count, new VcfTally(await all.Content.ReadAsStringAsync()).Records.Count);

        var bad = await _owner.Client.GetAsync($"/annotations/{_jobId}/variants?region=nowhere&format=tsv");
        Assert.AreEqual(HttpStatusCode.BadRequest, bad.StatusCode, "a download with a malformed filter is refused, not widened");
    }

    [TestMethod]
    public async Task AMalformedFilterIsNamedOnThePageAndLeftOut()
    {
        var html = await PageAsync($"/annotations/{_jobId}/variants?region=chr1-100&known=maybe");
        StringAssert.Contains(html, "The region 'chr1-100' is not of the form");
        StringAssert.Contains(html, "known=maybe is not 1 or 0");
        Assert.AreEqual(_vcf.Alleles.Count, Matching(html));
    }

    [TestMethod]
    public async Task RowsLinkOutToTheGenomeBrowsersOfTheJobsBuild()
    {
        var html = await PageAsync($"/annotations/{_jobId}/variants?known=1");
        var first = _vcf.Alleles.First(a => a.Known);
        var end = first.Pos + first.Ref.Length - 1;
        StringAssert.Contains(html, $"https://genome.ucsc.edu/cgi-bin/hgTracks?db=hg19&position=chr{first.Chrom}%3A{first.Pos}-{end}");
        StringAssert.Contains(html, $"https://grch37.ensembl.org/Homo_sapiens/Location/View?r={first.Chrom}%3A{first.Pos}-{end}");
        StringAssert.Contains(html, $"https://www.ncbi.nlm.nih.gov/snp/{first.Id}");
        var gwas = await PageAsync($"/annotations/{_jobId}/variants?gwas=1");
        StringAssert.Contains(gwas, "https://www.ebi.ac.uk/gwas/search?query=");
        foreach (Match link in Regex.Matches(gwas, "<a href=\"https://[^\"]*\"[^>]*>"))
        {
            StringAssert.Contains(link.Value, "rel=\"noopener noreferrer\"");
        }
    }

    [TestMethod]
    public async Task AnotherUsersJobIsNotFoundOnEveryNewRoute()
    {
        using var other = _app.NewSession();
        await other.RegisterAsync();
        foreach (var path in new[]
                 {
                     $"/annotations/{_jobId}/variants", $"/annotations/{_jobId}/variants?func=exonic", $"/annotations/{_jobId}/variants?format=tsv",
                     $"/annotations/{_jobId}/variants?format=vcf&gene=OR4F5", $"/annotations/{Guid.NewGuid()}/variants", "/annotations/not-a-job/variants",
                 })
        {
            var response = await other.Client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, path);
            Assert.IsFalse((await response.Content.ReadAsStringAsync()).Contains("premium_2", StringComparison.Ordinal), path);
        }

        var page = await other.Client.GetStringAsync("/Account/Logout");
        var post = await other.Client.PostAsync($"/annotations/{_jobId}/variants",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(page) }));
        Assert.AreEqual(HttpStatusCode.NotFound, post.StatusCode, "nothing of the job shows to another user, whatever the method");
        Assert.IsFalse((await post.Content.ReadAsStringAsync()).Contains("premium_2", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task AJobAnnotatedBeforeIndexesExistedGetsOneBuiltOnFirstView()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var job = await _app.Services.GetJob(jobId);
        var index = Path.Combine(_app.DataDirectory, "objects", job.ResultsBucket!, ResultsIndexFormat.IndexKeyFor(job.ResultKey!));
        Assert.IsTrue(File.Exists(index), "the annotator stored the index next to the results");
        StringAssert.EndsWith(index, "free_1.annot.index.sqlite");
        File.Delete(index);

        var details = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        StringAssert.Contains(details, "Alleles per region class (Func.refGene)");
        Assert.IsTrue(File.Exists(index), "built from the VCF on first view and stored, so it is built once");
    }

    [GeneratedRegex("<h2 id=\"table\">([0-9,]+) alleles")]
    private static partial Regex TableHeading();

    [GeneratedRegex("<td data-label=\"Position\">([^<]+)</td>")]
    private static partial Regex RowPosition();

    [GeneratedRegex("<li><a href=\"/annotations/[^/]+/variants\\?gene=([^\"&]+)\"")]
    private static partial Regex GeneLink();
}
