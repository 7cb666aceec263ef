namespace Gas.Tests.Results;

/// <summary>
/// The test's own reading of an annotated VCF, written apart from the index builder so the pages' counts are checked
/// against something that does not share its code: one allele per ALT, INFO values per ALT when there is one per ALT.
/// </summary>
public sealed class VcfTally
{
    public VcfTally(string vcf)
    {
        var record = 0;
        foreach (var line in vcf.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                HeaderLines.Add(line);
                continue;
            }

            var c = line.Split('\t');
            var alts = c[4].Split(',');
            var info = c[7].Split(';').Where(e => e.Contains('=')).ToDictionary(e => e[..e.IndexOf('=')], e => e[(e.IndexOf('=') + 1)..]);
            string? Value(string key, int i)
            {
                if (!info.TryGetValue(key, out var v))
                {
                    return null;
                }

                var parts = v.Split(',');
                var one = alts.Length > 1 && parts.Length == alts.Length ? parts[i] : v;
                return one == "." ? null : one.Replace("\\x3b", ";").Replace("\\x3d", "=").Replace("\\x2c", ",");
            }

            for (var i = 0; i < alts.Length; i++)
            {
                Alleles.Add(new Allele(record, c[0], long.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), c[2], c[3], alts[i], c[6], Value("Func.refGene", i), Value("Gene.refGene", i),
                    Value("GeneDetail.refGene", i), Value("ExonicFunc.refGene", i), Value("AAChange.refGene", i), Value("cytoBand", i),
                    Value("GAS_GWAS_TRAIT", i)));
            }

            Records.Add(line);
            record++;
        }
    }

    public List<string> HeaderLines { get; } = [];
    public List<string> Records { get; } = [];
    public List<Allele> Alleles { get; } = [];

    /// <summary>"exonic 659, intronic 282, …": most first, then by name, as the charts' labels read.</summary>
    public static string Counts(IEnumerable<string> labels) =>
        string.Join(", ", labels.GroupBy(l => l).Select(g => (g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count:N0}"));

    public sealed record Allele(int Record, string Chrom, long Pos, string Id, string Ref, string Alt, string Filter, string? Func, string? Gene,
        string? GeneDetail, string? ExonicFunc, string? AAChange, string? CytoBand, string? Gwas)
    {
        public bool Known => Id.Split(';').Any(p => p.StartsWith("rs", StringComparison.Ordinal) && p.Length > 2 && p[2..].All(char.IsAsciiDigit));

        /// <summary>The genes behind the class (an intergenic allele's neighbours are not its genes).</summary>
        public IEnumerable<string> Genes => Func is "intergenic" || Gene is null ? [] : Gene.Split(',').Where(g => g != "NONE");

        public bool Mentions(string text) =>
            new[] { Gene, CytoBand, Gwas, Func, ExonicFunc, Filter, Id, GeneDetail, AAChange }
                .Any(v => v is not null && v.Contains(text, StringComparison.OrdinalIgnoreCase));
    }
}
