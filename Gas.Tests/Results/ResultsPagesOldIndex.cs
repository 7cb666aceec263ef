using System.Net;
using System.Text.Json;
using Gas.Core.VariantIndex;
using Gas.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Results;

/// <summary>Jobs whose index is of the first schema (a SQLite row per allele), from before the block layout.</summary>
public sealed partial class ResultsPages
{
    [TestMethod]
    public async Task AnIndexOfTheOldRowFormatIsRebuiltFromTheResultsOnFirstViewAndStored()
    {
        var (browser, job, index) = await FreshJobAsync();
        using var _ = browser;
        WriteRowFormatIndex(index, hasVariants: true, alleles: 7);
        Forget(job);

        var tally = new VcfTally(await File.ReadAllTextAsync(ResultPath(job)));
        var exonic = await PageOfAsync(browser, $"/annotations/{job.JobId}/variants?func=exonic");
        Assert.AreEqual(tally.Alleles.Count(a => a.Func == "exonic"), Matching(exonic), "the table reads a rebuilt index, not the old file's");
        Assert.AreEqual(ResultsIndexFormat.SchemaVersion, ResultsIndex.Probe(index).SchemaVersion, "the rebuilt index replaced the old one in the store");
        Assert.AreEqual(tally.Alleles.Count, ResultsIndex.Probe(index).Alleles);
    }

    [TestMethod]
    public async Task AnArchivedJobsOldSummaryOnlyIndexStillGivesItsSummaryButNoTable()
    {
        var (browser, job, index) = await FreshJobAsync();
        using var _ = browser;
        WriteRowFormatIndex(index, hasVariants: false, alleles: 4321);
        Forget(job);
        var vcf = ResultPath(job);
        File.Move(vcf, vcf + ".away");
        try
        {
            var store = _app.Services.GetRequiredService<ResultsIndexStore>();
            using (var lease = await store.OpenAsync(job, needVariants: false, CancellationToken.None))
            {
                Assert.IsNotNull(lease, "the old summary-only copy is read while the VCF is away");
                Assert.AreEqual((ResultsIndexFormat.RowSchemaVersion, 4321L), (lease.Index.Info.SchemaVersion, lease.Index.Summary(new VariantFilter()).Alleles));
            }

            Assert.IsNull(await store.OpenAsync(job, needVariants: true, CancellationToken.None), "no rows without the VCF to build them from");
        }
        finally
        {
            File.Move(vcf + ".away", vcf);
            Forget(job);
        }

        using var rebuilt = await _app.Services.GetRequiredService<ResultsIndexStore>().OpenAsync(job, needVariants: true, CancellationToken.None);
        Assert.AreEqual(ResultsIndexFormat.SchemaVersion, rebuilt!.Index.Info.SchemaVersion, "with the VCF back, the table's index is built");
    }

    private static async Task<(BrowserSession Browser, Gas.Core.Jobs.AnnotationJob Job, string Index)> FreshJobAsync()
    {
        var browser = _app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var job = await _app.Services.GetJob(jobId);
        await browser.Client.GetStringAsync($"/annotations/{jobId}"); // the index is in the web tier's cache
        return (browser, job, Path.Combine(_app.DataDirectory, "objects", job.ResultsBucket!, ResultsIndexFormat.IndexKeyFor(job.ResultKey!)));
    }

    private static string ResultPath(Gas.Core.Jobs.AnnotationJob job) => Path.Combine(_app.DataDirectory, "objects", job.ResultsBucket!, job.ResultKey!);

    private static void Forget(Gas.Core.Jobs.AnnotationJob job) =>
        _app.Services.GetRequiredService<ResultsIndexCache>().Invalidate(job.ResultsBucket + "/" + ResultsIndexFormat.IndexKeyFor(job.ResultKey!));

    private static async Task<string> PageOfAsync(BrowserSession browser, string path)
    {
        var response = await browser.Client.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>An index as the first schema wrote it: its tables, one row, and a summary that says <paramref name="alleles"/>.</summary>
    private static void WriteRowFormatIndex(string path, bool hasVariants, long alleles)
    {
        File.Delete(path);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE labels(kind TEXT NOT NULL, id INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID;
            CREATE TABLE facets(id INTEGER PRIMARY KEY, chrom INTEGER NOT NULL, filter INTEGER NOT NULL, func INTEGER NOT NULL, genes INTEGER NOT NULL,
                exonic_func INTEGER NOT NULL, cytoband INTEGER NOT NULL, gwas INTEGER NOT NULL, build_check INTEGER NOT NULL, known INTEGER NOT NULL, n INTEGER NOT NULL);
            CREATE TABLE variants(id INTEGER PRIMARY KEY, record INTEGER NOT NULL, facet INTEGER NOT NULL, pos INTEGER NOT NULL, vcf_id TEXT,
                ref TEXT NOT NULL, alt TEXT NOT NULL, qual REAL, gene_detail TEXT, aa_change TEXT);
            CREATE INDEX variants_facet_pos ON variants(facet, pos);
            INSERT INTO labels VALUES ('func', 1, 'exonic'), ('chrom', 1, '1');
            INSERT INTO facets VALUES (1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1);
            INSERT INTO variants VALUES (1, 0, 1, 100, NULL, 'A', 'G', 50, NULL, NULL);
            INSERT INTO meta VALUES ('schema_version', '1'), ('build', 'GRCh37'), ('ucsc_name', 'hg19'), ('build_assumed', '0'),
                ('records', '1'), ('alleles', $alleles), ('has_variants', $has), ('summary', $summary);
            """;
        command.Parameters.AddWithValue("$alleles", alleles.ToString(System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$has", hasVariants ? "1" : "0");
        command.Parameters.AddWithValue("$summary", JsonSerializer.Serialize(new ResultsSummary { Alleles = alleles, Funcs = [new LabelCount("exonic", alleles)] }));
        command.ExecuteNonQuery();
    }
}
