namespace Gas.Tests.Engine;

/// <summary>
/// ExonicFunc.refGene and AAChange.refGene on <see cref="ProteinFixture"/>'s hand-made genome; each expected call is worked
/// out in the comment beside it from the codons listed there.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class ProteinChangeCalls
{
    private static async Task<Annotated> Call(string chrom, int pos, string reference, string alternate) =>
        await EngineTestData.AnnotateAsync(ProteinFixture.Reference, EngineTestData.Vcf($"{chrom}\t{pos}\t.\t{reference}\t{alternate}\t.\t.\t."));

    [TestMethod]
    // codon 2 GCT (A) is chr5:17-19; C>A at 18 is CDS base 5: GAT (D)
    [DataRow(18, "C", "A", "nonsynonymous SNV", "FWD:NM_FWD:exon1:c.C5A:p.A2D")]
    // codon 4 TGG (W) is chr5:23-25; G>A at 25 (c.12): TGA, a stop
    [DataRow(25, "G", "A", "stopgain", "FWD:NM_FWD:exon1:c.G12A:p.W4X")]
    // codon 5 CGT (R) is chr5:26-28; T>C at 28 (c.15): CGC, still R
    [DataRow(28, "T", "C", "synonymous SNV", "FWD:NM_FWD:exon1:c.T15C:p.R5R")]
    // codon 6 is CA at chr5:29-30 and G at chr5:41 (across the intron); G>T at 41 (c.18): CAT (H)
    [DataRow(41, "G", "T", "nonsynonymous SNV", "FWD:NM_FWD:exon2:c.G18T:p.Q6H")]
    // codon 11 TAA (stop) is chr5:54-56; T>C at 54 (c.31): CAA (Q)
    [DataRow(54, "T", "C", "stoploss", "FWD:NM_FWD:exon2:c.T31C:p.X11Q")]
    // codon 1 ATG is chr5:14-16; G>A at 16 (c.3): ATA (I)
    [DataRow(16, "G", "A", "startloss", "FWD:NM_FWD:exon1:c.G3A:p.M1I")]
    // deleting c.5 (C at chr5:18) leaves G·T + AAA: GTA (V), no stop
    [DataRow(17, "GC", "G", "frameshift deletion", "FWD:NM_FWD:exon1:c.5delC:p.A2fs")]
    // T inserted after c.5 repeats c.6 (T): a dup; GCTT translates to A, no stop
    [DataRow(18, "C", "CT", "frameshift insertion", "FWD:NM_FWD:exon1:c.6dupT:p.A2fs")]
    // codon 3 (AAA, soft-masked, chr5:20-22) deleted whole
    [DataRow(19, "TAAA", "T", "nonframeshift deletion", "FWD:NM_FWD:exon1:c.7_9del:p.3_3del")]
    // GC>TA at chr5:17-18 is c.4_5: two bases for two, in frame
    [DataRow(17, "GC", "TA", "nonframeshift substitution", "FWD:NM_FWD:exon1:c.4_5delinsTA")]
    public async Task CallsEachKindOfChangeOnThePlusStrand(int pos, string reference, string alternate, string exonicFunc, string aaChange)
    {
        var result = await Call("5", pos, reference, alternate);

        Assert.AreEqual("exonic", result.Value("Func.refGene"));
        Assert.AreEqual(exonicFunc, result.Value("ExonicFunc.refGene").Replace('_', ' '));
        Assert.AreEqual(aaChange, result.Value("AAChange.refGene"));
    }

    [TestMethod]
    // chr7:43 is mRNA 8 = CDS c.5, the G of codon 2 AGC (S); C>A on '+' is G>T on the transcript: ATC (I)
    [DataRow(43, "C", "A", "nonsynonymous SNV", "REV:NM_REV:exon1:c.G5T:p.S2I")]
    // chr7:22 is mRNA 19 = c.16, the G of codon 6 GAA (E) in exon 2; C>A is G>T: TAA
    [DataRow(22, "C", "A", "stopgain", "REV:NM_REV:exon2:c.G16T:p.E6X")]
    // deleting chr7:43 deletes c.5 (G): A·C + AAA reads ACA (T), no stop
    [DataRow(42, "GC", "G", "frameshift deletion", "REV:NM_REV:exon1:c.5delG:p.S2fs")]
    // A inserted after chr7:43 lands between c.4 and c.5 on the transcript, as T
    [DataRow(43, "C", "CA", "frameshift insertion", "REV:NM_REV:exon1:c.4_5insT:p.S2fs")]
    public async Task ReadsTheMinusStrandReverseComplementedAndNumbersItsExonsFromItsOwnStart(
        int pos, string reference, string alternate, string exonicFunc, string aaChange)
    {
        var result = await Call("7", pos, reference, alternate);

        Assert.AreEqual("exonic", result.Value("Func.refGene"));
        Assert.AreEqual(exonicFunc, result.Value("ExonicFunc.refGene").Replace('_', ' '));
        Assert.AreEqual(aaChange, result.Value("AAChange.refGene"));
    }

    [TestMethod]
    public async Task CallsUnknownForATranscriptWhoseCodingSequenceHasAPrematureStop()
    {
        var result = await Call("5", 70, "C", "A");

        Assert.AreEqual("BAD", result.Value("Gene.refGene"));
        Assert.AreEqual("unknown", result.Value("ExonicFunc.refGene"));
        Assert.AreEqual("UNKNOWN", result.Value("AAChange.refGene"));
    }

    [TestMethod]
    public async Task WritesOneEscapedValuePerAlternateAllele()
    {
        var result = await Call("5", 18, "C", "A,T");

        Assert.AreEqual("nonsynonymous_SNV,nonsynonymous_SNV", result.Info()["ExonicFunc.refGene"], "table_annovar writes spaces as _");
        Assert.AreEqual("FWD:NM_FWD:exon1:c.C5A:p.A2D,FWD:NM_FWD:exon1:c.C5T:p.A2V", result.Info()["AAChange.refGene"]);
        StringAssert.Contains(result.Output, "##INFO=<ID=AAChange.refGene,Number=A,");
    }

    [TestMethod]
    public async Task LeavesNonExonicAllelesWithoutAProteinChange()
    {
        var result = await Call("5", 35, "A", "G");

        Assert.AreEqual("intronic", result.Value("Func.refGene"));
        Assert.AreEqual(".", result.Value("ExonicFunc.refGene"));
        Assert.AreEqual(".", result.Value("AAChange.refGene"));
    }

    [TestMethod]
    public async Task SaysWhenTheGenomesBaseIsNotTheInputsReference()
    {
        // chr5:18 is C in the genome; the input claims A
        var result = await Call("5", 18, "A", "G");

        Assert.AreEqual("FWD:NM_FWD:exon1:c.C5G:p.A2G", result.Value("AAChange.refGene"), "ANNOVAR names the genome's base");
        var warning = result.Summary.Warnings.SingleOrDefault(w => w.Contains("differs from the reference genome", StringComparison.Ordinal));
        Assert.IsNotNull(warning, string.Join(" | ", result.Summary.Warnings));
        StringAssert.Contains(warning, "5:18 A>G");
        StringAssert.Contains(result.Log, "differs from the reference genome");
    }

    [TestMethod]
    public async Task DeclaresNoProteinKeysAndSaysWhyWithoutAGenome()
    {
        var result = await EngineTestData.AnnotateAsync(ProteinFixture.WithoutGenome, EngineTestData.Vcf("5\t18\t.\tC\tA\t.\t.\t."));

        Assert.AreEqual("exonic", result.Value("Func.refGene"));
        Assert.IsFalse(result.Info().ContainsKey("ExonicFunc.refGene"));
        Assert.IsFalse(result.HeaderLines.Any(l => l.Contains("ExonicFunc", StringComparison.Ordinal)));
        Assert.IsTrue(result.Summary.Warnings.Any(w => w.Contains(".2bit", StringComparison.Ordinal)), string.Join(" | ", result.Summary.Warnings));
    }
}
