namespace Gas.Tests.Engine;

/// <summary>The specification's sample VCFs from ../shared/samples against the hg19 tables.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class SampleFiles
{
    private static async Task<Annotated> AnnotateSample(string name) =>
        await EngineTestData.AnnotateAsync(EngineTestData.FullReference, await File.ReadAllBytesAsync(EngineTestData.Shared("samples", name)));

    [TestMethod]
    public async Task AnnotatesTheGrch37ExomeMostlyAsExonicWithoutABuildWarning()
    {
        var result = await AnnotateSample("premium_2.vcf");

        var alleles = result.Summary.ClassCounts.Values.Sum();
        Assert.IsGreaterThan(alleles / 2, result.Summary.ClassCounts["exonic"], string.Join(", ", result.Summary.ClassCounts));
        Assert.IsNull(result.Summary.BuildWarning, result.Summary.BuildWarning);
    }

    [TestMethod]
    [DataRow("premium_1.vcf")]
    [DataRow("premium_3.vcf")]
    public async Task FlagsNcbi36InputsAsAnotherBuild(string name)
    {
        var result = await AnnotateSample(name);

        Assert.IsNotNull(result.Summary.BuildWarning);
        StringAssert.Contains(result.Summary.BuildWarning, "NCBI36");
        CollectionAssert.Contains(result.Summary.Warnings.ToList(), result.Summary.BuildWarning);
        Assert.IsTrue(result.HeaderLines.Any(l => l.StartsWith("##GAS_buildCheck=", StringComparison.Ordinal)));
        StringAssert.Contains(result.Log, "WARNING: The input looks like NCBI36");
    }

    [TestMethod]
    public async Task FindsRecordsPastTheChromosomeEndsOfAnOlderBuild()
    {
        var result = await AnnotateSample("premium_3.vcf");

        Assert.IsTrue(result.Records.Any(r => r[7].Contains("GAS_BUILD_CHECK=beyond_contig_end", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow("free_1.vcf")]
    [DataRow("free_2.vcf")]
    [DataRow("premium_1.vcf")]
    [DataRow("premium_2.vcf")]
    [DataRow("premium_3.vcf")]
    [DataRow("test.vcf")]
    public async Task KeepsEveryRecordAndItsSamples(string name)
    {
        var input = (await File.ReadAllLinesAsync(EngineTestData.Shared("samples", name))).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        var result = await AnnotateSample(name);

        Assert.HasCount(input.Count, result.Records);
        for (var i = 0; i < input.Count; i += 97)
        {
            var before = input[i].TrimEnd('\r').Split('\t');
            var after = result.Records[i];
            CollectionAssert.AreEqual(before[..2], after[..2]);
            CollectionAssert.AreEqual(before[3..7], after[3..7]);
            CollectionAssert.AreEqual(before[8..], after[8..]);
            StringAssert.Contains(after[7], "Func.refGene=");
        }
    }

    [TestMethod]
    public async Task SaysTheMitochondrialSampleHasNoGenesInTheReference()
    {
        var result = await AnnotateSample("free_1.vcf");

        Assert.AreEqual(result.Summary.Variants, result.Records.Count(r => r[7].Contains("GAS_BUILD_CHECK=contig_not_in_reference", StringComparison.Ordinal)));
        Assert.IsTrue(result.Summary.Warnings.Any(w => w.Contains("MT", StringComparison.Ordinal)));
    }
}
