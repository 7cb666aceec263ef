namespace Gas.Tests.Engine;

/// <summary>ANNOVAR's gene rules on the hand-written models in Fixtures/reference (see its README for their shapes).</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class GeneAnnotation
{
    private static async Task<Annotated> Call(string chrom, int pos, string reference = "A", string alternate = "G") =>
        await EngineTestData.AnnotateAsync(EngineTestData.Synthetic, EngineTestData.Vcf($"{chrom}\t{pos}\t.\t{reference}\t{alternate}\t.\t.\t."));

    private static async Task AssertCall(string chrom, int pos, string func, string gene, string? detail = null)
    {
        var result = await Call(chrom, pos);
        Assert.AreEqual(func, result.Value("Func.refGene"), $"Func.refGene at {chrom}:{pos}");
        Assert.AreEqual(gene, result.Value("Gene.refGene"), $"Gene.refGene at {chrom}:{pos}");
        if (detail is not null)
        {
            Assert.AreEqual(detail, result.Value("GeneDetail.refGene"), $"GeneDetail.refGene at {chrom}:{pos}");
        }
    }

    [TestMethod]
    [DataRow(10997, "intronic")]
    [DataRow(10998, "splicing")]
    [DataRow(10999, "splicing")]
    [DataRow(11000, "exonic")]
    [DataRow(11001, "exonic")]
    [DataRow(11002, "exonic")]
    [DataRow(11003, "exonic")]
    public async Task CallsSplicingWithinTwoBasesOnTheIntronSideOfAnAcceptorOnThePlusStrand(int pos, string func) =>
        await AssertCall("1", pos, func, "PLUS1");

    [TestMethod]
    [DataRow(11497, "exonic")]
    [DataRow(11498, "exonic")]
    [DataRow(11499, "exonic")]
    [DataRow(11500, "exonic")]
    [DataRow(11501, "splicing")]
    [DataRow(11502, "splicing")]
    [DataRow(11503, "intronic")]
    public async Task CallsSplicingWithinTwoBasesOnTheIntronSideOfADonorOnThePlusStrand(int pos, string func) =>
        await AssertCall("1", pos, func, "PLUS1");

    [TestMethod]
    [DataRow(32997, "intronic")]
    [DataRow(32998, "splicing")]
    [DataRow(32999, "splicing")]
    [DataRow(33000, "exonic")]
    [DataRow(33001, "exonic")]
    [DataRow(33002, "exonic")]
    [DataRow(33003, "exonic")]
    [DataRow(33497, "exonic")]
    [DataRow(33498, "exonic")]
    [DataRow(33499, "exonic")]
    [DataRow(33500, "exonic")]
    [DataRow(33501, "splicing")]
    [DataRow(33502, "splicing")]
    [DataRow(33503, "intronic")]
    public async Task CallsSplicingWithinTwoBasesOnTheIntronSideOnTheMinusStrand(int pos, string func) =>
        await AssertCall("1", pos, func, "MINUS1");

    [TestMethod]
    [DataRow("1", 10501, "splicing", "PLUS1")]
    [DataRow("1", 10502, "splicing", "PLUS1")]
    [DataRow("1", 10503, "intronic", "PLUS1")]
    [DataRow("1", 12997, "intronic", "PLUS1")]
    [DataRow("1", 12998, "splicing", "PLUS1")]
    [DataRow("1", 12999, "splicing", "PLUS1")]
    [DataRow("1", 32001, "splicing", "MINUS1")]
    [DataRow("1", 32002, "splicing", "MINUS1")]
    [DataRow("1", 32003, "intronic", "MINUS1")]
    [DataRow("1", 34997, "intronic", "MINUS1")]
    [DataRow("1", 34998, "splicing", "MINUS1")]
    [DataRow("1", 34999, "splicing", "MINUS1")]
    public async Task ChecksOnlyTheInnerSideOfTheFirstAndLastExons(string chrom, int pos, string func, string gene) =>
        await AssertCall(chrom, pos, func, gene);

    [TestMethod]
    public async Task WritesTheSpliceSiteInCodingNotationOnEachStrand()
    {
        await AssertCall("1", 10999, "splicing", "PLUS1", "NM_PLUS1:exon2:c.302-1A>G");
        await AssertCall("1", 11501, "splicing", "PLUS1", "NM_PLUS1:exon2:c.802+1A>G");
        await AssertCall("1", 33501, "splicing", "MINUS1", "NM_MINUS1:exon3:c.803-1T>C");
    }

    [TestMethod]
    [DataRow("1", 10000, "UTR5", "PLUS1")]
    [DataRow("1", 10199, "UTR5", "PLUS1")]
    [DataRow("1", 10200, "exonic", "PLUS1")]
    [DataRow("1", 14800, "exonic", "PLUS1")]
    [DataRow("1", 14801, "UTR3", "PLUS1")]
    [DataRow("1", 15000, "UTR3", "PLUS1")]
    [DataRow("1", 30000, "UTR3", "MINUS1")]
    [DataRow("1", 30199, "UTR3", "MINUS1")]
    [DataRow("1", 30200, "exonic", "MINUS1")]
    [DataRow("1", 35300, "exonic", "MINUS1")]
    [DataRow("1", 35301, "UTR5", "MINUS1")]
    [DataRow("1", 35500, "UTR5", "MINUS1")]
    public async Task SplitsUntranslatedRegionsByStrand(string chrom, int pos, string func, string gene) =>
        await AssertCall(chrom, pos, func, gene);

    [TestMethod]
    [DataRow(9999, "upstream", "dist=1")]
    [DataRow(9001, "upstream", "dist=999")]
    [DataRow(15001, "downstream", "dist=1")]
    [DataRow(15999, "downstream", "dist=999")]
    public async Task CallsUpAndDownstreamWithinOneKilobaseOnThePlusStrand(int pos, string func, string detail) =>
        await AssertCall("1", pos, func, "PLUS1", detail);

    [TestMethod]
    [DataRow(35501, "upstream", "dist=1")]
    [DataRow(36499, "upstream", "dist=999")]
    [DataRow(29999, "downstream", "dist=1")]
    [DataRow(29001, "downstream", "dist=999")]
    public async Task CallsUpAndDownstreamWithinOneKilobaseOnTheMinusStrand(int pos, string func, string detail) =>
        await AssertCall("1", pos, func, "MINUS1", detail);

    [TestMethod]
    [DataRow(9000, "NONE,PLUS1", "dist=NONE;dist=1000")]
    [DataRow(16000, "PLUS1,MINUS1", "dist=1000;dist=14000")]
    [DataRow(36500, "MINUS1,NONE", "dist=1000;dist=NONE")]
    public async Task CallsIntergenicFromOneKilobaseOnWithBothNeighbours(int pos, string gene, string detail) =>
        await AssertCall("1", pos, "intergenic", gene, detail);

    [TestMethod]
    public async Task IgnoresNonCodingTranscriptsOfCodingGenes() =>
        await AssertCall("1", 17200, "intergenic", "PLUS1,MINUS1", "dist=2200;dist=12800");

    [TestMethod]
    [DataRow(5200, "ncRNA_exonic")]
    [DataRow(5800, "ncRNA_intronic")]
    [DataRow(5501, "ncRNA_splicing")]
    [DataRow(5999, "ncRNA_splicing")]
    public async Task MarksTranscriptsWithoutCodingSequenceAsNcRna(int pos, string func) =>
        await AssertCall("2", pos, func, "NC1");

    [TestMethod]
    public async Task NeverCallsSplicingInASingleExonGene()
    {
        await AssertCall("2", 20000, "UTR5", "SINGLE1");
        await AssertCall("2", 20500, "exonic", "SINGLE1");
        await AssertCall("2", 21001, "downstream", "SINGLE1", "dist=1");
    }

    [TestMethod]
    public async Task PrefersExonicAndUtrCallsToIntronicOnes()
    {
        await AssertCall("3", 4200, "exonic", "INNER");
        await AssertCall("3", 4050, "UTR3", "INNER");
        await AssertCall("3", 5000, "intronic", "BIGINTRON");
    }

    [TestMethod]
    public async Task JoinsTiedExonicAndSplicingCallsWithSemicolons() =>
        await AssertCall("4", 50001, "exonic;splicing", "TIE_B;TIE_A", "NM_TIEA:exon2:c.1402+1A>G");

    [TestMethod]
    public async Task ClassifiesADeletionByTheBasesItRemoves()
    {
        var deletion = await Call("1", 10996, "AGTC", "A");
        var insertion = await Call("1", 10996, "A", "AT");

        Assert.AreEqual("splicing", deletion.Value("Func.refGene"), "10997-10999 reaches the acceptor's two intronic bases");
        Assert.AreEqual("intronic", insertion.Value("Func.refGene"), "an insertion after 10996 stays four bases from the exon");
    }

    [TestMethod]
    public async Task AnnotatesEachAlleleOfAMultiAllelicRecord()
    {
        var result = await Call("1", 10500, "AGT", "GGT,A");

        Assert.AreEqual("exonic,splicing", result.Info()["Func.refGene"]);
        Assert.AreEqual("PLUS1,PLUS1", result.Info()["Gene.refGene"], "Number=A: one value per ALT, even when they are the same");
        Assert.AreEqual(".,NM_PLUS1:exon1:r.spl", result.Info()["GeneDetail.refGene"]);
    }

    [TestMethod]
    public async Task KeepsUcscChrMApartFromTheRcrsMitochondrion()
    {
        var chrM = await Call("chrM", 500);
        var mt = await Call("MT", 500);

        Assert.AreEqual("exonic", chrM.Value("Func.refGene"));
        Assert.AreEqual("intergenic", mt.Value("Func.refGene"));
        Assert.AreEqual("NONE,NONE", mt.Value("Gene.refGene"));
        Assert.AreEqual("contig_not_in_reference", mt.Value("GAS_BUILD_CHECK"));
        Assert.IsTrue(mt.Summary.Warnings.Any(w => w.Contains("rCRS", StringComparison.Ordinal)), string.Join(" | ", mt.Summary.Warnings));
    }

    [TestMethod]
    public async Task LeavesOutAlternativeHaplotypes()
    {
        var result = await Call("6", 500);

        Assert.AreEqual("NONE,NONE", result.Value("Gene.refGene"));
        Assert.IsFalse(EngineTestData.Synthetic.Find("6_cox_hap2") is not null);
    }
}
