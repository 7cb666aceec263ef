using System.Text;
using Gas.Annotator.Engine;
using Gas.Core.Validation;

namespace Gas.Tests.Engine.Validation;

/// <summary>
/// The reference engine checks batches of records on every core; the file-wide rules (POS order and CHROM blocks across batch
/// boundaries, IDs used twice) and the first lines of each rule come out as the sequential basic engine finds them, and the report
/// stays bounded whatever the input.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class ValidationAcrossBatches
{
    private const string Header = "##fileformat=VCFv4.2\n##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
        "##contig=<ID=1,length=249250621>\n##contig=<ID=2,length=243199373>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

    /// <summary>
    /// 60,000 records over several batches of either engine: every 1,000th has an undeclared key, every 7,000th goes back 10
    /// positions, every 9,000th repeats the ID of the record before it, and CHROM 1 comes back after CHROM 2 at the end.
    /// </summary>
    private static byte[] ManyBatches(out int undeclared, out int unsorted, out int repeated)
    {
        var text = new StringBuilder(Header);
        undeclared = unsorted = repeated = 0;
        var pos = 1000;
        for (var i = 1; i <= 60_000; i++)
        {
            var chrom = i <= 40_000 ? "1" : i <= 59_990 ? "2" : "1";
            if (i == 40_001 || i == 59_991)
            {
                pos = 1000;
            }

            pos += 10;
            var back = i % 7_000 == 0;
            if (back)
            {
                unsorted++;
            }

            var id = i % 9_000 == 0 ? $"id{i - 1}" : $"id{i}";
            repeated += i % 9_000 == 0 ? 1 : 0;
            var info = i % 1_000 == 0 ? "DP=5;XX=1" : "DP=5";
            undeclared += i % 1_000 == 0 ? 1 : 0;
            text.Append(chrom).Append('\t').Append(back ? pos - 25 : pos).Append('\t').Append(id).Append("\tA\tG\t50\tPASS\t").Append(info).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [TestMethod]
    public async Task BothEnginesFindTheSameFileWideProblemsOnTheSameLines()
    {
        var input = ManyBatches(out var undeclared, out var unsorted, out var repeated);

        var basic = (await EngineTestData.AnnotateAsync(EngineTestData.Engine("basic"), input)).Summary.Validation!;
        var parallel = (await EngineTestData.AnnotateAsync(EngineTestData.Engine("reference"), input)).Summary.Validation!;

        Assert.AreEqual(ValidationReports.Serialize(basic), ValidationReports.Serialize(parallel));
        Assert.AreEqual(60_000, parallel.Records);
        Assert.AreEqual(undeclared, Count(parallel, "info-undeclared"));
        Assert.AreEqual(unsorted, Count(parallel, "pos-unsorted"));
        Assert.AreEqual(repeated, Count(parallel, "id-duplicate"));
        Assert.AreEqual(1, Count(parallel, "chrom-not-contiguous"));
        Assert.AreEqual("Line 7005: POS 70975 comes after POS 70990 on CHROM '1'; positions are sorted within a CHROM.",
            Shown(parallel, "pos-unsorted", 0));
        Assert.AreEqual("Line 59996: CHROM '1' has records again after other CHROMs; its records should form one block.",
            Shown(parallel, "chrom-not-contiguous", 0));
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    public async Task CountsEveryRecordOutOfOrderAndEveryRepeatedIdAcrossBatchBoundariesToo(string engine)
    {
        const int records = 50_000;
        var input = InputFiles.Utf8(Header + InputFiles.Vcf(records, i => $"1\t{records + 100 - i}\trs7\tA\tG\t.\t.\tDP=1").Split('\n', 3)[2]);

        var report = (await EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input)).Summary.Validation!;

        Assert.AreEqual(records - 1, Count(report, "pos-unsorted"));
        Assert.AreEqual(records - 1, Count(report, "id-duplicate"));
        Assert.AreEqual(7L, report.Findings.Single(f => f.Rule == "id-duplicate").First[0].Line);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    public async Task KeepsAHundredLinesPerRuleAndCountsTheRest(string engine)
    {
        var input = InputFiles.Utf8(Header + InputFiles.Vcf(3_000, i => $"1\t{100 + i}\t.\tA\tG\t.\t.\tMQ={i}").Split('\n', 3)[2]);

        var report = (await EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input)).Summary.Validation!;
        var undeclared = report.Findings.Single(f => f.Rule == "info-undeclared");

        Assert.AreEqual(3_000, undeclared.Count);
        Assert.HasCount(100, undeclared.First);
        CollectionAssert.AreEqual(Enumerable.Range(6, 100).Select(n => (long?)n).ToArray(), undeclared.First.Select(l => l.Line).ToArray());
        using var log = new StringWriter();
        await Gas.Annotator.Engine.Validation.ValidationLog.WriteAsync(report, log);
        StringAssert.Contains(log.ToString(), "… and 2,900 more.");
        Assert.HasCount(5, report.WithLinesPerRule(ValidationReport.ShownLinesPerRule).Findings.Single().First);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    public async Task AnErrorCarriesTheWarningsBeforeItAndNoneAfter(string engine)
    {
        var records = InputFiles.Vcf(40_000, i => i == 20_000 ? "1\t5\t.\tR\tG\t.\t.\t." : $"1\t{100 + i}\t.\tA\tG\t.\t.\tMQ={i}");
        var input = InputFiles.Utf8(Header + records.Split('\n', 3)[2]);

        var failure = await EngineTestData.FailureOf(EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input), "the bad REF to fail the run");

        var error = (VcfFormatException)failure!;
        var report = error.Validation!;
        Assert.AreEqual("ref-bases", report.Findings[0].Rule);
        Assert.AreEqual(FindingLevel.Error, report.Findings[0].Level);
        Assert.AreEqual(error.LineNumber - 6, report.Findings.Single(f => f.Rule == "info-undeclared").Count, "every record before the error, none after");
        Assert.IsFalse(report.Complete);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    public async Task WithValidationOffOnlyWhatAnnotationNeedsIsChecked(string engine)
    {
        IAnnotationEngine off = engine == "basic"
            ? new BasicVcfEngine(TimeProvider.System, validate: false)
            : new ReferenceVcfEngine(EngineTestData.Synthetic, TimeProvider.System, validate: false);
        var input = InputFiles.Utf8(Header + "1\t100\trs1\tA\tG\t.\tq10\tMQ=1\n1\t50\trs1\tA\tA\t.\t.\t.\n");

        var report = (await EngineTestData.AnnotateAsync(off, input)).Summary.Validation!;

        Assert.AreEqual("none", report.Rules);
        Assert.IsEmpty(report.Findings);
    }

    [TestMethod]
    [DataRow("free_1.vcf")]
    [DataRow("free_2.vcf")]
    [DataRow("premium_1.vcf")]
    [DataRow("premium_2.vcf")]
    [DataRow("premium_3.vcf")]
    [DataRow("test.vcf")]
    public async Task TheSpecificationsSampleFilesBreakNoRuleButTheirOldVersion(string sample)
    {
        var input = await File.ReadAllBytesAsync(EngineTestData.Shared("samples", sample));

        var report = (await EngineTestData.AnnotateAsync(EngineTestData.Engine("reference"), input)).Summary.Validation!;

        Assert.AreEqual("VCF 4.1", report.Rules);
        Assert.AreEqual("fileformat-version", report.Findings.Single().Rule, string.Join(", ", report.Findings.Select(f => f.Rule)));
    }

    private static long Count(ValidationReport report, string rule) => report.Findings.SingleOrDefault(f => f.Rule == rule)?.Count ?? 0;

    private static string Shown(ValidationReport report, string rule, int index)
    {
        var line = report.Findings.Single(f => f.Rule == rule).First[index];
        return $"Line {line.Line}: {line.Message}";
    }
}
