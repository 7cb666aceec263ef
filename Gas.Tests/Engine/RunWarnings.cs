using System.Text;

namespace Gas.Tests.Engine;

/// <summary>Whatever the input, a run's warnings, the job page's notes and the log stay small (issue 10 item 6).</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class RunWarnings
{
    [TestMethod]
    public async Task SummarisesFiftySevenThousandUnknownContigsInOneWarningNamingTheFirstTen()
    {
        var vcf = InputFiles.Vcf(57_000, i => $"contig_{i}\t100\t.\tA\tG\t.\t.\t.");

        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, vcf);

        var warnings = ContigWarnings(result);
        Assert.HasCount(1, warnings, string.Join("\n", result.Summary.Warnings));
        var warning = warnings[0];
        StringAssert.StartsWith(warning, "57,000 contigs in the input are not in");
        StringAssert.Contains(warning, "57,000 record(s) on them have no annotation");
        StringAssert.Contains(warning, "The first 10, with their records: contig_0 (1), contig_1 (1), contig_2 (1)");
        StringAssert.Contains(warning, "contig_9 (1).");
        Assert.DoesNotContain("contig_10 ", warning);
        Assert.IsLessThan(1_000, warning.Length);
        Assert.IsLessThan(4_000, Encoding.UTF8.GetByteCount(result.Log), result.Log);
    }

    [TestMethod]
    public async Task NamesAFewUnknownContigsOneByOne()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic,
            EngineTestData.Vcf("MT\t5\t.\tA\tG\t.\t.\t.", "chrUn_gl000220\t5\t.\tA\tG\t.\t.\t.", "chrUn_gl000220\t9\t.\tA\tG\t.\t.\t."));

        CollectionAssert.AreEqual(new[]
        {
            "1 record(s) on MT (the rCRS mitochondrion) have no gene annotation: the reference has no MT, and UCSC chrM is a different sequence.",
            "2 record(s) on Un_gl000220 have no annotation: the reference has no such chromosome.",
        }, ContigWarnings(result));
    }

    [TestMethod]
    public async Task ShortensAnEnormousContigNameInTheWarning()
    {
        var name = new string('c', 500_000);

        var result = await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf($"{name}\t5\t.\tA\tG\t.\t.\t."));

        var warning = ContigWarnings(result).Single();
        StringAssert.StartsWith(warning, "1 record(s) on ccc");
        Assert.IsLessThan(300, warning.Length, "the warning quotes the start of the name only");
    }

    /// <summary>The warnings about contigs: the synthetic tables have no genome, which is a warning of its own.</summary>
    private static string[] ContigWarnings(Annotated result) =>
        result.Summary.Warnings.Where(w => !w.StartsWith("No ExonicFunc.refGene", StringComparison.Ordinal)).ToArray();
}
