using System.Text;
using System.Text.Json;
using Gas.Annotator.Cli;
using Gas.Annotator.Engine;
using Gas.Core.VariantIndex;
using Gas.Tests.Engine;
using Gas.Tests.Support;

namespace Gas.Tests.Results;

/// <summary>
/// The engine hands the results index its parsed alleles (<see cref="IIndexedOutput"/>) instead of the index reading the output
/// text back: the index it gets must be the one built from the annotated file itself, row for row and label for label, on
/// every kind of value the engine writes (genes, protein changes, bands, GWAS traits with spaces and commas, rsIDs it adds,
/// QUAL and FILTER as given, multi-allelic records, contigs outside the reference).
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class IndexFromTheEngine
{
    [TestMethod]
    public async Task AGeneratedCallSetOverTheHg19GenesIndexesAsItsAnnotatedFileDoes()
    {
        var dir = Paths.NewTempDirectory();
        var input = Path.Combine(dir, "bench.vcf");
        ResultsBenchVcf.Write(EngineTestData.FullReference, input, 30_000);
        var (fromRows, fromText) = await BothIndexesAsync(new ReferenceVcfEngine(EngineTestData.FullReference, TimeProvider.System), File.ReadAllBytes(input), dir);
        AssertSameIndex(fromRows, fromText, expectAlleles: 30_000);
        var traits = fromRows.Summary(new VariantFilter()).GwasTraits;
        Assert.IsTrue(traits.Count > 0, "the generated file has GWAS positions");
        Assert.IsTrue(traits.Any(t => t.Label == "Cholesterol,_total"), "a trait with a comma in its name stays one trait: " + string.Join(" | ", traits.Select(t => t.Label)));
    }

    [TestMethod]
    public async Task TheHg19SampleWithGenesIndexesAsItsAnnotatedFileDoes()
    {
        var dir = Paths.NewTempDirectory();
        var (fromRows, fromText) = await BothIndexesAsync(new ReferenceVcfEngine(EngineTestData.FullReference, TimeProvider.System),
            File.ReadAllBytes(EngineTestData.Shared("samples", "premium_2.vcf")), dir);
        AssertSameIndex(fromRows, fromText, expectAlleles: 1);
    }

    [TestMethod]
    public async Task ProteinChangesOddColumnsAndUnknownContigsIndexAsTheAnnotatedFileDoes()
    {
        var records = new StringBuilder("##fileformat=VCFv4.2\n##contig=<ID=chr5>\n##contig=<ID=chr7>\n##contig=<ID=chrUn_x>\n" +
            "##FILTER=<ID=q10,Description=\"low\">\n##FILTER=<ID=s50,Description=\"few\">\n" +
            "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"depth\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        string[] ids = [".", "rs12", "rs7;COSM99", "COSM3"];
        string[] quals = [".", "50", "1e3", "0.5"];
        string[] filters = ["PASS", ".", "q10;s50", "q10"];
        for (var pos = 11; pos <= 60; pos++)
        {
            var i = pos % 4;
            var refBase = ProteinFixture.Chr5[pos - 1].ToString().ToUpperInvariant();
            var alt = refBase == "A" ? "G" : "A";
            records.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"chr5\t{pos}\t{ids[i]}\t{refBase}\t{(pos % 5 == 0 ? alt + ",T,<DEL>" : alt)}\t{quals[i]}\t{filters[i]}\t{(pos % 3 == 0 ? "DP=4" : ".")}\n");
        }

        records.Append("chr7\t20\t.\tC\tCT\t9\tPASS\tDP=1\nchrUn_x\t5\t.\tA\tG\t.\t.\t.\n");
        var dir = Paths.NewTempDirectory();
        var (fromRows, fromText) = await BothIndexesAsync(new ReferenceVcfEngine(ProteinFixture.Reference, TimeProvider.System),
            Encoding.UTF8.GetBytes(records.ToString()), dir);
        AssertSameIndex(fromRows, fromText, expectAlleles: 72);
        Assert.IsTrue(fromRows.Summary(new VariantFilter()).ExonicFuncs.Count > 0, "protein changes reached the index");
    }

    [TestMethod]
    public async Task AHeaderWithoutRecordsGivesAnEmptyIndexWithItsBuild()
    {
        var dir = Paths.NewTempDirectory();
        var (fromRows, fromText) = await BothIndexesAsync(new ReferenceVcfEngine(EngineTestData.FullReference, TimeProvider.System),
            "##fileformat=VCFv4.2\n##reference=GRCh37\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"u8.ToArray(), dir);
        AssertSameIndex(fromRows, fromText, expectAlleles: 0);
    }

    [TestMethod]
    public async Task ARejectedInputEndsTheIndexBuilderAndNothingWaitsOnIt()
    {
        var dir = Paths.NewTempDirectory();
        var text = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (var i = 1; i <= 50_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"1\t{i * 10}\t.\tA\tG\t.\t.\t.\n");
        }

        text.Append("1\tnot-a-position\t.\tA\tG\t.\t.\t.\n");
        var indexPath = Path.Combine(dir, "index.sqlite");
        await using var file = File.Create(Path.Combine(dir, "out.vcf"));
        var output = new IndexingOutputStream(file, indexPath, CancellationToken.None);
        await Assert.ThrowsAsync<RejectedInputException>(() =>
            new ReferenceVcfEngine(EngineTestData.FullReference, TimeProvider.System).AnnotateAsync(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), output, TextWriter.Null));
        await output.DisposeAsync(); // returns: the builder gave up on the rows it was waiting for
        Assert.IsTrue(file.CanWrite, "the file stays the caller's to close");
    }

    [TestMethod]
    public async Task ABatchOfMoreAllelesThanABlockHoldsIsCutIntoBlocksThatReadAsTheFileDoes()
    {
        // short tri-allelic lines: one of the engine's 256 KB batches holds ~30,000 alleles, over seven blocks' worth
        var text = new StringBuilder("##fileformat=VCFv4.2\n##reference=GRCh37\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (var i = 1; i <= 12_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"1\t{1_000_000 + i}\trs{i}\tA\tG,C,T\t{i % 7}.5\tPASS\t.\n");
        }

        var dir = Paths.NewTempDirectory();
        var (fromRows, fromText) = await BothIndexesAsync(new ReferenceVcfEngine(EngineTestData.FullReference, TimeProvider.System),
            Encoding.UTF8.GetBytes(text.ToString()), dir);
        AssertSameIndex(fromRows, fromText, expectAlleles: 36_000);
        var page = fromRows.Page(new VariantFilter(), VariantSort.Position, 4096 / 50 + 1, 50).Rows;
        Assert.AreEqual((1_001_366L, "rs1366", "C"), (page[46].Pos, page[46].Id, page[46].Alt), "allele 4,096, the first of the second block, in place");
        Assert.AreEqual(36_000, fromRows.Summary(new VariantFilter { Known = true }).Alleles);
    }

    [TestMethod]
    public void AShortDecimalQualIsTheValueTheParserGives()
    {
        var random = new Random(12);
        var samples = new List<string> { "0", "50", "29.7", "0.5", ".5", "50.", "999999999999999", "123456789.012345", "0.000000000000001", "0000000000000012.5", "3.00000000000004" };
        for (var i = 0; i < 20_000; i++)
        {
            var digits = random.Next(1, 16);
            var number = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var dot = random.Next(digits + 1);
            samples.Add(number[..dot] + "." + number[dot..]);
        }

        foreach (var sample in samples)
        {
            Assert.IsTrue(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(sample), out var quick), sample);
            Assert.AreEqual(double.Parse(sample, System.Globalization.CultureInfo.InvariantCulture), quick, 0, sample);
        }

        foreach (var other in new[] { "-1", "1e3", "1.2.3", "", ".", "1234567890123456", "0.1234567890123456", "NaN", " 5",
            "1234567890123456789", "99999999999999999999.5", "0.00000000000000000001" })
        {
            Assert.IsFalse(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(other), out _), other + " is left to the parser");
        }
    }

    [TestMethod]
    public void AnIdIsKnownFromItsBytesExactlyAsFromItsText()
    {
        foreach (var id in new[] { ".", "rs12", "RS12", "rS7;COSM99", "COSM3;rs5", "rs", "rs12a", "xrs12", "rs1;", ";rs2", "rs١٢", "", "rs 1" })
        {
            Assert.AreEqual(AnnotatedVcf.HasRsId(id.AsSpan()), AnnotatedVcf.HasRsId(Encoding.UTF8.GetBytes(id)), id);
        }
    }

    /// <summary>Annotates through the indexing output (the rows path), then builds a second index from the annotated file's text.</summary>
    private static async Task<(ResultsIndex FromRows, ResultsIndex FromText)> BothIndexesAsync(ReferenceVcfEngine engine, byte[] vcf, string dir)
    {
        var annotated = Path.Combine(dir, "out.vcf");
        await using (var file = File.Create(annotated))
        await using (var output = new IndexingOutputStream(file, Path.Combine(dir, "rows.sqlite"), CancellationToken.None))
        {
            await engine.AnnotateAsync(new MemoryStream(vcf), output, TextWriter.Null);
            await output.CompleteAsync();
        }

        await using (var text = File.OpenRead(annotated))
        {
            ResultsIndexBuilder.Build(text, Path.Combine(dir, "text.sqlite"));
        }

        return (new ResultsIndex(Path.Combine(dir, "rows.sqlite")), new ResultsIndex(Path.Combine(dir, "text.sqlite")));
    }

    private static void AssertSameIndex(ResultsIndex fromRows, ResultsIndex fromText, int expectAlleles)
    {
        Assert.AreEqual(fromText.Info, fromRows.Info);
        var all = new VariantFilter();
        Assert.AreEqual(Json(fromText.Summary(all)), Json(fromRows.Summary(all)), "the whole job's summary");
        var textRows = fromText.Rows(all, VariantSort.Position).ToList();
        var rows = fromRows.Rows(all, VariantSort.Position).ToList();
        Assert.IsTrue(rows.Count >= expectAlleles, $"{rows.Count} alleles indexed, at least {expectAlleles} expected");
        Assert.AreEqual(textRows.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.AreEqual(textRows[i], rows[i], $"allele {i}");
        }

        foreach (var func in fromText.Summary(all).Funcs.Select(f => f.Label))
        {
            var filter = new VariantFilter { Funcs = [func] };
            Assert.AreEqual(Json(fromText.Summary(filter)), Json(fromRows.Summary(filter)), $"the summary of func={func}");
        }
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
