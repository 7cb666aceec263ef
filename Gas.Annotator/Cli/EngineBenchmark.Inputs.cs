using System.Globalization;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Cli;

/// <summary>What every tool reads: a sorted VCF over the reference's transcripts, and BED files of the same genes and bands.</summary>
internal static partial class EngineBenchmark
{
    private static void WriteVcf(ReferenceData reference, string path, int variants)
    {
        var chromosomes = reference.Chromosomes.Values.Where(c => c.Transcripts.Length > 0)
            .OrderBy(c => ChromosomeRank(c.Name)).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var random = new Random(20260101);
        var picks = new (int Chrom, int Pos)[variants];
        var total = chromosomes.Sum(c => c.Transcripts.Length);
        for (var i = 0; i < variants; i++)
        {
            var n = random.Next(total);
            var c = 0;
            while (n >= chromosomes[c].Transcripts.Length)
            {
                n -= chromosomes[c].Transcripts.Length;
                c++;
            }

            var t = chromosomes[c].Transcripts[n];
            var limit = reference.ContigLengths.TryGetValue(chromosomes[c].Name, out var length) ? (int)Math.Min(length - 5, int.MaxValue) : t.TxEnd + 2000;
            picks[i] = (c, Math.Clamp(random.Next(t.TxStart - 2000, t.TxEnd + 2001), 1, limit));
        }

        Array.Sort(picks);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine("##fileformat=VCFv4.2");
        writer.WriteLine("##source=Gas.Annotator bench");
        writer.WriteLine("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">");
        foreach (var c in chromosomes)
        {
            var length = reference.ContigLengths.TryGetValue(c.Name, out var l) ? l : c.Transcripts.Max(t => t.TxEnd) + 10_000L;
            writer.WriteLine($"##contig=<ID={c.Name},length={length}>");
        }

        writer.WriteLine("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        const string bases = "ACGT";
        foreach (var (chrom, pos) in picks)
        {
            var kind = random.Next(20);
            var a = bases[random.Next(4)];
            var b = bases[(bases.IndexOf(a, StringComparison.Ordinal) + 1 + random.Next(3)) % 4];
            var (refAllele, altAllele) = kind switch
            {
                0 => ($"{a}{b}{a}", $"{a}"),        // deletion
                1 => ($"{a}", $"{a}{b}{b}"),        // insertion
                _ => ($"{a}", $"{b}"),              // SNV
            };
            writer.Write(chromosomes[chrom].Name);
            writer.Write('\t');
            writer.Write(pos.ToString(CultureInfo.InvariantCulture));
            writer.Write("\t.\t");
            writer.Write(refAllele);
            writer.Write('\t');
            writer.Write(altAllele);
            writer.Write("\t50\tPASS\tDP=");
            writer.Write((10 + random.Next(90)).ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static void WriteBeds(ReferenceData reference, string work)
    {
        var chromosomes = reference.Chromosomes.Values.OrderBy(c => ChromosomeRank(c.Name)).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
        using (var genes = new StreamWriter(Path.Combine(work, "genes.bed"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var c in chromosomes)
            {
                foreach (var t in c.Transcripts)
                {
                    genes.WriteLine($"{c.Name}\t{t.TxStart - 1}\t{t.TxEnd}\t{t.Gene}");
                }
            }
        }

        using (var bands = new StreamWriter(Path.Combine(work, "cytoband.bed"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var c in chromosomes)
            {
                foreach (var band in c.Bands)
                {
                    bands.WriteLine($"{c.Name}\t{band.Start - 1}\t{band.End}\t{c.Name}{band.Name}");
                }
            }
        }

        File.WriteAllText(Path.Combine(work, "genes.hdr"), "##INFO=<ID=GENE,Number=.,Type=String,Description=\"Overlapping genes\">\n");
        File.WriteAllText(Path.Combine(work, "cytoband.hdr"), "##INFO=<ID=CYTOBAND,Number=1,Type=String,Description=\"Cytoband\">\n");
    }

    private static int ChromosomeRank(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : name switch { "X" => 23, "Y" => 24, "M" or "MT" => 25, _ => 26 };
}
