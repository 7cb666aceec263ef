namespace Gas.Tests.Engine;

/// <summary>
/// The two causes of disagreement with ANNOVAR found on 130,000 random hg19 alleles, and the input shapes around them,
/// pinned on the hg19 refFlat in ../shared/refdata.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class AnnovarParity
{
    private static async Task<Annotated> Call(string record) =>
        await EngineTestData.AnnotateAsync(EngineTestData.FullReference, EngineTestData.Vcf(record));

    [TestMethod]
    public void KeepsEveryPlacementOfATranscriptMappedToSeveralLoci() =>
        Assert.AreEqual(36_041, EngineTestData.FullReference.TranscriptCount, "ANNOVAR keys placements by name, chromosome and start");

    [TestMethod]
    public async Task FindsTheRealUgt2b15Locus()
    {
        var result = await Call("4\t69533902\t.\tGTGTTTTAA\tG\t.\t.\t.");

        Assert.AreEqual("exonic", result.Value("Func.refGene"));
        Assert.AreEqual("UGT2B15", result.Value("Gene.refGene"));
    }

    [TestMethod]
    [DataRow("1\t212220489\t.\tCGT\tCT\t.\t.\t.", "intronic", "DTL")]       // the deleted G is 212,220,490: outside the 2 bp window
    [DataRow("1\t45479577\t.\tTAGGC\tTC\t.\t.\t.", "splicing", "UROD")]     // AGG deleted at 45,479,578-580
    public async Task TrimsSharedTrailingBasesAsWellAsTheLeadingOne(string record, string func, string gene)
    {
        var result = await Call(record);

        Assert.AreEqual(func, result.Value("Func.refGene"));
        Assert.AreEqual(gene, result.Value("Gene.refGene"));
    }

    [TestMethod]
    public async Task AnnotatesEachAlleleOfAGatkMultiAllelicRecordOnItsOwnTrimmedSpan()
    {
        // CGT>C deletes GT (212,220,490-491); CGT>CT deletes only the G
        var result = await Call("1\t212220489\t.\tCGT\tC,CT\t.\t.\t.");

        Assert.AreEqual("intronic", result.Value("Func.refGene", allele: 1));
        Assert.AreEqual(2, result.Info()["Func.refGene"].Split(',').Length);
        Assert.AreEqual(2, result.Info()["Gene.refGene"].Split(',').Length);
    }

    [TestMethod]
    [DataRow("END=21105944;SVTYPE=DEL", "CRYL1,GJB6")]     // ANNOVAR's documented 342 kb deletion
    [DataRow("END=20803691;SVTYPE=DEL", "GJB6")]           // ends before CRYL1 (20,977,806-21,100,012)
    public async Task SpansASymbolicDeletionFromPosToEnd(string info, string genes)
    {
        var result = await Call($"13\t20797176\t.\tN\t<DEL>\t.\t.\t{info}");

        Assert.AreEqual("exonic", result.Value("Func.refGene"));
        Assert.AreEqual(genes, result.Value("Gene.refGene"));
    }

    [TestMethod]
    public async Task SkipsSymbolicAllelesAnnovarRejects()
    {
        var result = await Call("13\t20797176\t.\tN\t<CNV>,<DEL>\t.\t.\tEND=20803691");

        Assert.AreEqual(".,exonic", result.Info()["Func.refGene"]);
        Assert.AreEqual(".,GJB6", result.Info()["Gene.refGene"]);
        Assert.AreEqual("13q12.11", result.Value("cytoBand"));
    }

    [TestMethod]
    public async Task EscapesCommasInsideAValueSoEachAltKeepsExactlyOne()
    {
        var result = await Call("1\t11403596\t.\tA\tAAT,C\t.\t.\t.");

        var genes = result.Info()["Gene.refGene"].Split(',');
        Assert.HasCount(2, genes);
        Assert.AreEqual(@"UBIAD1\x2cPTCHD2", genes[0]);
    }
}
