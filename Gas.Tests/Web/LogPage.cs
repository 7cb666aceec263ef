using System.Text.RegularExpressions;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>The log page marks the annotator's UTC times with &lt;time datetime&gt; for its static script; no inline script.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed partial class LogPage
{
    private static readonly byte[] Nod2Vcf = System.Text.Encoding.UTF8.GetBytes(
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n16\t50745926\t.\tC\tT\t.\t.\t.\n");

    [TestMethod]
    public async Task LogTimesAreUtcTimeElementsThatTheLogScriptConverts()
    {
        using var app = new GasAppFactory(start: new DateTimeOffset(2026, 1, 15, 18, 30, 5, TimeSpan.Zero));
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var job = await browser.SubmitJobAsync("nod2.vcf", Nod2Vcf);
        Assert.AreEqual("COMPLETED", await browser.WaitForFinishedAsync(job));

        var page = await browser.Client.GetStringAsync($"/annotations/{job}/log");

        StringAssert.Contains(page, "Started: <time datetime=\"2026-01-15T18:30:05Z\">2026-01-15 18:30:05 UTC</time>");
        StringAssert.Matches(page, ScriptPattern());
        Assert.DoesNotMatchRegex(InlineScriptPattern(), page, "no inline script (the CSP forbids it)");
    }

    [GeneratedRegex("""<script src="/js/log\.js\?v=[^"]+"></script>""")]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("<script(?![^>]*\\ssrc=)[^>]*>")]
    private static partial Regex InlineScriptPattern();
}
