using System.Globalization;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Cli;

/// <summary>
/// A generated input for the results-index benchmark: variants in and around the reference's transcripts, with what a
/// real call set has and the index must handle: rsIDs on some, a few multi-allelic records, QUAL and FILTER values,
/// and some positions the GWAS catalog lists.
/// </summary>
internal static class ResultsBenchVcf
{
    private const string Bases = "ACGT";

    public static void Write(ReferenceData reference, string path, int variants, int seed = 20260412)
    {
        var chromosomes = reference.Chromosomes.Values.Where(c => c.Transcripts.Length > 0).ToArray();
        var random = new Random(seed);
        var total = chromosomes.Sum(c => c.Transcripts.Length);
        var picks = new List<(int Rank, string Chrom, int Pos)>(variants);
        for (var i = 0; i < variants; i++)
        {
            var n = random.Next(total);
            var c = 0;
            while (n >= chromosomes[c].Transcripts.Length)
            {
                n -= chromosomes[c].Transcripts.Length;
                c++;
            }

            var chromosome = chromosomes[c];
            var gwas = chromosome.GwasPositions;
            var pos = gwas.Length > 0 && random.Next(1000) == 0
                ? gwas[random.Next(gwas.Length)]
                : Math.Max(1, random.Next(chromosome.Transcripts[n].TxStart - 2000, chromosome.Transcripts[n].TxEnd + 2001));
            picks.Add((Rank(chromosome.Name), chromosome.Name, pos));
        }

        picks.Sort((a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Pos.CompareTo(b.Pos));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine("##fileformat=VCFv4.2");
        writer.WriteLine("##source=Gas.Annotator index bench");
        writer.WriteLine("##reference=hg19");
        writer.WriteLine("##FILTER=<ID=LowQual,Description=\"Low quality\">");
        writer.WriteLine("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">");
        writer.WriteLine("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        foreach (var (_, chrom, pos) in picks)
        {
            var reference1 = Bases[random.Next(4)];
            var alt = Bases[(Bases.IndexOf(reference1, StringComparison.Ordinal) + random.Next(1, 4)) % 4];
            var alts = random.Next(20) == 0 ? $"{alt},{reference1}{alt}" : alt.ToString();
            var id = random.Next(5) < 2 ? "rs" + random.Next(1, 900_000_000).ToString(CultureInfo.InvariantCulture) : ".";
            var qual = (random.Next(1000, 300_000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
            var filter = random.Next(10) == 0 ? "LowQual" : "PASS";
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{chrom}\t{pos}\t{id}\t{reference1}\t{alts}\t{qual}\t{filter}\tDP={10 + random.Next(90)}\n"));
        }
    }

    private static int Rank(string chromosome) =>
        int.TryParse(chromosome, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : chromosome switch { "X" => 23, "Y" => 24, _ => 25 };
}
