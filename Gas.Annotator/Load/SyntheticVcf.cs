using System.Globalization;
using System.Text;

namespace Gas.Annotator.Load;

/// <summary>Small, valid VCF 4.2 inputs for load runs: hg19 chromosome names without <c>chr</c>, as the samples use.</summary>
public static class SyntheticVcf
{
    private const string Bases = "ACGT";

    /// <summary>A VCF of <paramref name="variants"/> SNVs, reproducible from <paramref name="seed"/>, sorted by chromosome and position.</summary>
    public static byte[] Create(int seed, int variants = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(variants, 1);
        var random = new Random(seed);
        var text = new StringBuilder();
        text.Append("##fileformat=VCFv4.2\n")
            .Append("##source=Gas.Annotator load\n")
            .Append("##reference=hg19\n")
            .Append("##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count in genotypes\">\n")
            .Append("##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Total number of alleles in called genotypes\">\n")
            .Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");

        var rows = Enumerable.Range(0, variants)
            // Chromosomes 1-22, and positions inside even the shortest of them (chr21 is 48 Mb).
            .Select(_ => (Chromosome: random.Next(1, 23), Position: random.Next(10_000, 45_000_000)))
            .Distinct()
            .OrderBy(row => row.Chromosome)
            .ThenBy(row => row.Position);
        foreach (var (chromosome, position) in rows)
        {
            var reference = Bases[random.Next(4)];
            var alternate = Bases[(Bases.IndexOf(reference, StringComparison.Ordinal) + random.Next(1, 4)) % 4];
            var count = random.Next(1, 10);
            text.Append(CultureInfo.InvariantCulture,
                $"{chromosome}\t{position}\t.\t{reference}\t{alternate}\t.\tPASS\tAC={count};AN={count + random.Next(0, 10)}\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
