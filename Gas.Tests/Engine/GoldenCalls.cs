namespace Gas.Tests.Engine;

/// <summary>The calls ANNOVAR's documentation shows for its example variants, on the hg19 refFlat in ../shared/refdata.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class GoldenCalls
{
    [TestMethod]
    [DataRow("1", 948921, "T", "C", "UTR5", "ISG15")]
    [DataRow("1", 1404001, "G", "T", "UTR3", "ATAD3C")]
    [DataRow("1", 5935162, "A", "T", "splicing", "NPHP4")]
    [DataRow("1", 162736463, "C", "T", "intronic", "DDR2")]
    [DataRow("1", 67705958, "G", "A", "exonic", "IL23R")]
    [DataRow("16", 50745926, "C", "T", "exonic", "NOD2")]
    [DataRow("13", 20763686, "G", "A", "exonic", "GJB2")]
    [DataRow("17", 41245466, "G", "A", "exonic", "BRCA1")]
    [DataRow("1", 11403596, "A", "AAT", "intergenic", "UBIAD1,PTCHD2")]
    public async Task CallsTheClassAndGeneAnnovarDocuments(string chrom, int pos, string reference, string alternate, string func, string gene)
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf($"{chrom}\t{pos}\t.\t{reference}\t{alternate}\t.\t.\t."));

        Assert.AreEqual(func, result.Value("Func.refGene"));
        Assert.AreEqual(gene, result.Value("Gene.refGene"));
    }

    [TestMethod]
    public async Task GivesTheDistancesToBothNeighboursOfAnIntergenicVariant()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf("1\t11403596\t.\tA\tAAT\t.\t.\t."));

        Assert.AreEqual("dist=55105;dist=135699", result.Value("GeneDetail.refGene"));
        Assert.AreEqual(@"dist\x3d55105\x3bdist\x3d135699", result.Info()["GeneDetail.refGene"], "escaped as table_annovar writes it");
    }

    [TestMethod]
    [DataRow("1", 948921, "T", "C", "NM_005101:c.-33T>C")]
    [DataRow("1", 1404001, "G", "T", "NM_001039211:c.*91G>T")]
    public async Task GivesTheUtrPositionInHgvsNotation(string chrom, int pos, string reference, string alternate, string detail)
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf($"{chrom}\t{pos}\t.\t{reference}\t{alternate}\t.\t.\t."));

        Assert.AreEqual(detail, result.Value("GeneDetail.refGene"));
    }

    [TestMethod]
    public async Task NamesTheCytobandLikeAnnovar()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf("17\t41245466\t.\tG\tA\t.\t.\t."));

        Assert.AreEqual("17q21.31", result.Value("cytoBand"));
    }

    [TestMethod]
    public async Task AddsGwasTraitsAtCatalogPositions()
    {
        var result = await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf("1\t67705958\t.\tG\tA\t.\t.\t."));

        StringAssert.Contains(result.Value("GAS_GWAS_TRAIT"), "Crohn's_disease");
    }

    [TestMethod]
    public async Task TreatsChrPrefixedInputLikeBareNames()
    {
        var bare = await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf("17\t41245466\t.\tG\tA\t.\t.\t."));
        var prefixed = await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf("chr17\t41245466\t.\tG\tA\t.\t.\t."));

        Assert.AreEqual(bare.Records[0][7], prefixed.Records[0][7]);
        Assert.AreEqual("chr17", prefixed.Records[0][0], "the input's own name is kept");
    }
}
