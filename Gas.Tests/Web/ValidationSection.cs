using System.Net;
using System.Text;
using Gas.Core.Storage;
using Gas.Core.Validation;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>
/// Where a user sees what the validator found: the job page's Validation section (counts by kind, the first lines, a link to the
/// log), the log with the longer list, and the JSON report stored beside the log for the API to serve.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ValidationSection
{
    private const string Header = "##fileformat=VCFv4.2\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
        "##contig=<ID=1,length=249250621>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

    private static GasAppFactory _app = null!;

    [ClassInitialize]
    public static void Start(TestContext _) => _app = new GasAppFactory();

    [ClassCleanup]
    public static void Stop() => _app.Dispose();

    [TestMethod]
    public async Task AJobWithWarningsIsAnnotatedAndItsPageCountsThemShowsTheFirstLinesAndLinksTheLog()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var records = new StringBuilder(Header);
        for (var i = 1; i <= 8; i++)
        {
            records.Append(FormattableString.Invariant($"1\t{100 * i}\t.\tA\tG\t50\tPASS\tDP=3;MQ={i}\n"));
        }

        records.Append("1\t50\t.\tA\tG\t50\tPASS\tDP=3\n");
        var jobId = await browser.SubmitJobAsync("warnings.vcf", Encoding.UTF8.GetBytes(records.ToString()));

        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var page = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        StringAssert.Contains(page, "<h2>Validation</h2>");
        StringAssert.Contains(page, "Checked by the VCF 4.2 rules (the file declares VCFv4.2), 9 record(s):");
        StringAssert.Contains(page, "0 error(s), 9 warning(s) of 2 kind(s). Records with warnings were annotated.");
        StringAssert.Contains(page, "Line 5: INFO key 'MQ' is not declared by an ##INFO line.");
        StringAssert.Contains(page, "Line 9: INFO key 'MQ' is not declared by an ##INFO line.");
        Assert.DoesNotContain("Line 10: INFO key 'MQ'", page, "the page shows the first five lines of a rule");
        StringAssert.Contains(page, "Line 13: POS 50 comes after POS 800 on CHROM '1'; positions are sorted within a CHROM.");
        StringAssert.Contains(page, $"<a href=\"/annotations/{jobId}/log\">The full list is in the log</a>");

        var log = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}/log"));
        StringAssert.Contains(log, "info-undeclared (warning, 8×)");
        StringAssert.Contains(log, "Line 12: INFO key 'MQ' is not declared by an ##INFO line.");

        var job = await _app.Services.GetJob(jobId);
        var stored = await ValidationReports.ReadAsync(_app.Services.GetRequiredService<IObjectStore>(), job);
        Assert.IsNotNull(stored, "the JSON report beside the log");
        Assert.AreEqual(8, stored.Findings.Single(f => f.Rule == "info-undeclared").Count);
        Assert.HasCount(ValidationReport.ShownLinesPerRule, stored.Findings.Single(f => f.Rule == "info-undeclared").First);
    }

    [TestMethod]
    public async Task AJobStoppedByAnErrorFailsAndItsPageNamesTheRuleAndTheLine()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var input = Header + "1\t100\t.\tA\tG\t50\tPASS\tDP=3;MQ=1\n1\t200\t.\tR\tG\t50\tPASS\tDP=3\n";
        var jobId = await browser.SubmitJobAsync("error.vcf", Encoding.UTF8.GetBytes(input));

        Assert.AreEqual("FAILED", await browser.WaitForFinishedAsync(jobId));
        var page = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        StringAssert.Contains(page, "<h2>Validation</h2>");
        StringAssert.Contains(page, "data-rule=\"ref-bases\"");
        StringAssert.Contains(page, "Line 6: REF 'R' must be bases A, C, G, T or N.");
        StringAssert.Contains(page, "Line 5: INFO key 'MQ' is not declared by an ##INFO line.");
    }

    [TestMethod]
    public async Task AValidFileShowsThatNothingWasFound()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        var jobId = await browser.SubmitJobAsync("clean.vcf", Encoding.UTF8.GetBytes(Header + "1\t100\trs1\tA\tG\t50\tPASS\tDP=3\n"));

        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(jobId));
        var page = WebUtility.HtmlDecode(await browser.Client.GetStringAsync($"/annotations/{jobId}"));
        StringAssert.Contains(page, "Checked by the VCF 4.2 rules (the file declares VCFv4.2), 1 record(s):");
        StringAssert.Contains(page, "no problems found.");
        Assert.DoesNotContain("validation-findings", page);
    }
}
