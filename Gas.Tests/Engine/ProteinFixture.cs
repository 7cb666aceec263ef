using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Sequence;

namespace Gas.Tests.Engine;

/// <summary>
/// A hand-made genome (.2bit) and three transcripts whose codons are written out below, so every expected protein call in
/// <see cref="ProteinChangeCalls"/> can be checked by hand.
/// </summary>
/// <remarks>
/// chr5, '+' NM_FWD (gene FWD): exons 11-30 and 41-60, CDS 14-56. mRNA = chr5[11..30] + chr5[41..60]; the CDS starts at
/// mRNA 4: ATG GCT AAA TGG CGT CA|G GAA TTC CCC GGG TAA = M A K W R Q E F P G * (codon 6 spans the intron; AAA is soft-masked).
/// CDS base c lies at chr5:13+c in exon 1 (c ≤ 17) and chr5:23+c in exon 2.
/// chr5, '+' NM_BAD (gene BAD): one exon 61-90, CDS 61-90 = ATG TAA GGG …: a stop in codon 2, so ANNOVAR has no usable ORF.
/// chr7, '−' NM_REV (gene REV): exons 11-25 and 36-50, CDS 14-47. mRNA = revcomp(chr7[36..50]) + revcomp(chr7[11..25])
/// = CCC ATG AGC AAA TGG | CCT GAA GGA TAG TTT = M S K W P E G *; mRNA position p is chr7:51-p in exon 1 (p ≤ 15) and
/// chr7:41-p in exon 2, so CDS base c is at chr7:48-c (c ≤ 12) and chr7:38-c.
/// </remarks>
internal static class ProteinFixture
{
    public const string Chr5 = "NNNNNGGGGG" + "CCC" + "ATGGCTaaaTGGCGTCA" + "GTAAGTTTAG" + "GGAATTCCCCGGGTAA" + "TTTT"
        + "ATGTAAGGGCCCATGTAAGGGCCCATGTAAGGGCCCATGTAAGGGCCCATGTAAGGGCCC";

    public const string Chr7 = "GGGGGGGGGG" + "AAACTATCCTTCAGG" + "ACACACACAC" + "CCATTTGCTCATGGG" + "GGGGGGGGGG";

    public static readonly string[] RefGene =
    [
        "0\tNM_FWD\tchr5\t+\t10\t60\t13\t56\t2\t10,40,\t30,60,\t0\tFWD\tcmpl\tcmpl\t0,2,",
        "0\tNM_BAD\tchr5\t+\t60\t90\t60\t90\t1\t60,\t90,\t0\tBAD\tcmpl\tcmpl\t0,",
        "0\tNM_REV\tchr7\t-\t10\t50\t13\t47\t2\t10,35,\t25,50,\t0\tREV\tcmpl\tcmpl\t0,0,",
    ];

    private static readonly Lazy<ReferenceData> _reference = new(() => Load(withGenome: true));
    private static readonly Lazy<ReferenceData> _withoutGenome = new(() => Load(withGenome: false));

    public static ReferenceData Reference => _reference.Value;

    public static ReferenceData WithoutGenome => _withoutGenome.Value;

    /// <summary>A folder with the refGene table and, when asked, hg19.2bit.</summary>
    public static string WriteDirectory(bool withGenome)
    {
        var directory = EngineTestData.NewTempDirectory();
        File.WriteAllLines(Path.Combine(directory, "refGene.txt"), RefGene);
        if (withGenome)
        {
            TwoBitWriter.Write(Path.Combine(directory, "hg19.2bit"), [("chr5", Chr5), ("chr7", Chr7)]);
        }

        return directory;
    }

    private static ReferenceData Load(bool withGenome)
    {
        var directory = WriteDirectory(withGenome);
        return ReferenceLoader.Load(directory, directory);
    }
}
