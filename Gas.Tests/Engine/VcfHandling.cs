using System.IO.Compression;
using System.Text;
using Gas.Annotator.Engine;

namespace Gas.Tests.Engine;

/// <summary>What the reference engine does with the VCF around the annotations: header, records, encodings, errors.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class VcfHandling
{
    private const string Record = "1\t10300\t.\tA\tG\t50\tPASS\tDP=10;AF=0.5\tGT:DP\t0/1:12\t1/1:8";

    private static string SampleVcf() =>
        "##fileformat=VCFv4.2\n##source=test\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n" + Record + "\n";

    [TestMethod]
    public async Task DeclaresEveryInfoKeyItWrites()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, SampleVcf() + "MT\t5\t.\tA\tG\t.\t.\t.\t.\t.\t.\n1\t45000\t.\tA\tG\t.\t.\t.\t.\t.\t.\n");

        var declared = result.HeaderLines.Where(l => l.StartsWith("##INFO=<ID=", StringComparison.Ordinal))
            .Select(l => l["##INFO=<ID=".Length..].Split(',')[0]).ToHashSet(StringComparer.Ordinal);
        var used = result.Records.SelectMany(r => r[7].Split(';')).Select(p => p.Split('=')[0]).ToHashSet(StringComparer.Ordinal);
        used.ExceptWith(["DP", "AF"]);
        CollectionAssert.IsSubsetOf(used.ToList(), declared.ToList());
        CollectionAssert.Contains(used.ToList(), "GAS_BUILD_CHECK");
        CollectionAssert.Contains(used.ToList(), "GAS_GWAS_TRAIT");
    }

    [TestMethod]
    public async Task KeepsTheInputsColumnsAndSamples()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, SampleVcf());

        var fields = result.Records[0];
        var input = Record.Split('\t');
        Assert.AreEqual(input.Length, fields.Length);
        CollectionAssert.AreEqual(input[9..], fields[9..]);
        Assert.AreEqual("GT:DP", fields[8]);
        StringAssert.StartsWith(fields[7], "DP=10;AF=0.5;Func.refGene=exonic;");
        CollectionAssert.Contains(result.HeaderLines.ToList(), "##source=test");
        Assert.AreEqual("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2", result.HeaderLines[^1]);
    }

    [TestMethod]
    public async Task FillsTheIdColumnFromDbSnp()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf(
            "1\t10300\t.\tA\tG\t.\t.\t.", "1\t10301\t.\tC\tG\t.\t.\t.", "1\t10301\t.\tC\tA\t.\t.\t.", "1\t10300\tmyid\tA\tG\t.\t.\t."));

        CollectionAssert.AreEqual(new[] { "rs123", "rs124", ".", "myid" }, result.Records.Select(r => r[2]).ToArray());
    }

    [TestMethod]
    public async Task EscapesGwasTraitsAsAnnovarDoes()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf("1\t10300\t.\tA\tG\t.\t.\t."));

        Assert.AreEqual(@"Height\x2c_adult,Crohn's_disease", result.Info()["GAS_GWAS_TRAIT"]);
    }

    [TestMethod]
    public async Task ToleratesWindowsLineEndings()
    {
        var unix = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, SampleVcf());
        var windows = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, SampleVcf().Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.AreEqual(unix.Output, windows.Output);
    }

    [TestMethod]
    public async Task ReadsGzipAndMultiMemberBgzfInput()
    {
        var plain = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, SampleVcf());
        var text = Encoding.UTF8.GetBytes(SampleVcf());
        var gzip = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, Gzip(text));
        var split = text.Length / 2;
        var bgzf = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, [.. Gzip(text[..split]), .. Gzip(text[split..])]);

        Assert.AreEqual(plain.Output, gzip.Output);
        Assert.AreEqual(plain.Output, bgzf.Output);
    }

    [TestMethod]
    public async Task AnnotatesAFileWithoutAFinalNewline()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, SampleVcf().TrimEnd('\n'));

        Assert.AreEqual(1, result.Records.Count);
        Assert.AreEqual(1, result.Summary.Variants);
    }

    [TestMethod]
    [DataRow("1\tten\t.\tA\tG\t.\t.\t.", 4, "POS")]
    [DataRow("1\t10\t.\tAXG\tG\t.\t.\t.", 4, "REF")]
    [DataRow("1\t10\t.\tA\tG\t.\t.", 4, "8 tab-separated columns")]
    [DataRow("1\t10\t.\tA\tG\thigh\t.\t.", 4, "QUAL")]
    public async Task NamesTheLineAndTheProblemOfABadRecord(string record, int line, string problem)
    {
        var vcf = EngineTestData.Vcf("1\t5\t.\tA\tG\t.\t.\t.", record);

        var error = await Assert.ThrowsExactlyAsync<VcfFormatException>(() => EngineTestData.AnnotateAsync(EngineTestData.Synthetic, vcf));

        Assert.AreEqual(line, error.LineNumber);
        StringAssert.Contains(error.Message, problem);
    }

    [TestMethod]
    public async Task RejectsAFileThatIsNotVcf()
    {
        var error = await Assert.ThrowsExactlyAsync<VcfFormatException>(() => EngineTestData.AnnotateAsync(EngineTestData.Synthetic, "hello\n"));

        Assert.AreEqual(1, error.LineNumber);
    }

    [TestMethod]
    public async Task ReportsErrorsFoundDeepInALargeFileWithTheirLineNumber()
    {
        var records = Enumerable.Range(1, 60_000).Select(i => $"1\t{i}\t.\tA\tG\t.\t.\t.").ToList();
        records[49_999] = "1\t50000\t.\tA\t\t.\t.\t.";

        var error = await Assert.ThrowsExactlyAsync<VcfFormatException>(() => EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf([.. records])));

        Assert.AreEqual(50_002, error.LineNumber);
    }

    [TestMethod]
    public async Task WritesRecordsInInputOrderAcrossBatches()
    {
        var records = Enumerable.Range(1, 80_000).Select(i => $"1\t{i}\t.\tA\tG\t.\t.\t.").ToArray();

        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf(records));

        Assert.AreEqual(80_000, result.Summary.Variants);
        CollectionAssert.AreEqual(Enumerable.Range(1, 80_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), result.Records.Select(r => r[1]).ToArray());
    }

    [TestMethod]
    public async Task LogsCountsPerClassSourcesAndTiming()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf("1\t11000\t.\tA\tG\t.\t.\t.", "1\t10998\t.\tA\tG\t.\t.\t."));

        StringAssert.Contains(result.Log, "exonic: 1");
        StringAssert.Contains(result.Log, "splicing: 1");
        StringAssert.Contains(result.Log, "synthetic_refGene.txt");
        StringAssert.Contains(result.Log, "variants/s");
        Assert.AreEqual(1, result.Summary.ClassCounts["exonic"]);
        Assert.IsTrue(result.Summary.Sources.Any(s => s.Contains("synthetic_cytoBand.txt", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task FlagsPositionsBeyondTheEndOfTheReferenceChromosome()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf("1\t45000\t.\tA\tG\t.\t.\t."));

        Assert.AreEqual("beyond_contig_end", result.Value("GAS_BUILD_CHECK"));
        Assert.IsNotNull(result.Summary.BuildWarning);
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }
}
