using System.Globalization;

namespace Gas.Core.VariantIndex;

/// <summary>A label and how many alleles carry it.</summary>
public sealed record LabelCount(string Label, long Count);

/// <summary>What a job found (or, for a filter, what the matching alleles hold): the counts the summary charts show.</summary>
public sealed record ResultsSummary
{
    public const int TopGeneCount = 20;

    /// <summary>Alleles (rows) counted.</summary>
    public long Alleles { get; init; }

    /// <summary>VCF records; known for the whole job only.</summary>
    public long? Records { get; init; }

    /// <summary>Per Func.refGene class, most first; an allele without one counts under "".</summary>
    public IReadOnlyList<LabelCount> Funcs { get; init; } = [];

    /// <summary>Per ExonicFunc.refGene class, most first (alleles without one are left out).</summary>
    public IReadOnlyList<LabelCount> ExonicFuncs { get; init; } = [];

    /// <summary>Per chromosome, in karyotype order.</summary>
    public IReadOnlyList<LabelCount> Chromosomes { get; init; } = [];

    /// <summary>The genes with most alleles (not counting intergenic neighbours), most first.</summary>
    public IReadOnlyList<LabelCount> TopGenes { get; init; } = [];

    /// <summary>GWAS catalog traits at the alleles' positions, most first.</summary>
    public IReadOnlyList<LabelCount> GwasTraits { get; init; } = [];

    /// <summary>Alleles at a position the GWAS catalog lists.</summary>
    public long GwasHits { get; init; }

    /// <summary>Alleles whose record has an rsID.</summary>
    public long Known { get; init; }

    public long Novel => Alleles - Known;

    /// <summary>Alleles the genome build check flagged (past a contig's end, or on a contig the reference lacks).</summary>
    public long BuildFlagged { get; init; }
}

/// <summary>One combination of an allele's categories (label ids; 0 = none).</summary>
public readonly record struct Facet(int Chrom, int Filter, int Func, int Genes, int ExonicFunc, int CytoBand, int Gwas, int BuildCheck, bool Known);

/// <summary>Turns facet counts into a <see cref="ResultsSummary"/>; the builder and the filtered queries share it.</summary>
internal static class FacetSummary
{
    public static ResultsSummary Summarize(IEnumerable<KeyValuePair<Facet, long>> facets, Func<string, int, string?> label, long? records)
    {
        var funcs = new Dictionary<int, long>();
        var exonic = new Dictionary<int, long>();
        var chroms = new Dictionary<int, long>();
        var geneSets = new Dictionary<int, long>();
        var gwas = new Dictionary<int, long>();
        long alleles = 0, known = 0, gwasHits = 0, flagged = 0;
        var intergenic = -1;
        foreach (var (facet, n) in facets)
        {
            alleles += n;
            Add(funcs, facet.Func, n);
            Add(chroms, facet.Chrom, n);
            if (facet.ExonicFunc > 0)
            {
                Add(exonic, facet.ExonicFunc, n);
            }

            if (facet.Gwas > 0)
            {
                Add(gwas, facet.Gwas, n);
                gwasHits += n;
            }

            if (facet.Known)
            {
                known += n;
            }

            if (facet.BuildCheck > 0)
            {
                flagged += n;
            }

            if (facet.Genes > 0)
            {
                if (intergenic < 0 && label(ResultsIndexFormat.Kinds.Func, facet.Func) == "intergenic")
                {
                    intergenic = facet.Func;
                }

                if (facet.Func != intergenic)
                {
                    Add(geneSets, facet.Genes, n);
                }
            }
        }

        return new ResultsSummary
        {
            Alleles = alleles,
            Records = records,
            Funcs = MostFirst(funcs, id => label(ResultsIndexFormat.Kinds.Func, id) ?? ""),
            ExonicFuncs = MostFirst(exonic, id => label(ResultsIndexFormat.Kinds.ExonicFunc, id) ?? ""),
            Chromosomes = [.. chroms.Select(p => new LabelCount(label(ResultsIndexFormat.Kinds.Chrom, p.Key) ?? "", p.Value))
                .OrderBy(c => ChromosomeOrder.Rank(c.Label)).ThenBy(c => c.Label, StringComparer.Ordinal)],
            TopGenes = [.. Split(geneSets, id => label(ResultsIndexFormat.Kinds.Genes, id), g => g != "NONE").Take(ResultsSummary.TopGeneCount)],
            GwasTraits = Split(gwas, id => label(ResultsIndexFormat.Kinds.Gwas, id), _ => true),
            GwasHits = gwasHits,
            Known = known,
            BuildFlagged = flagged,
        };
    }

    private static void Add(Dictionary<int, long> counts, int id, long n) =>
        counts[id] = counts.GetValueOrDefault(id) + n;

    private static List<LabelCount> MostFirst(Dictionary<int, long> counts, Func<int, string> label) =>
        [.. counts.Select(p => new LabelCount(label(p.Key), p.Value)).OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)];

    /// <summary>Comma-separated lists (genes, traits) counted per member; a comma inside a trait is still <c>\x2c</c> in its list.</summary>
    private static List<LabelCount> Split(Dictionary<int, long> counts, Func<int, string?> label, Func<string, bool> keep)
    {
        var members = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (id, n) in counts)
        {
            foreach (var member in (label(id) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(AnnotatedVcf.Unescape).Distinct())
            {
                if (keep(member))
                {
                    members[member] = members.GetValueOrDefault(member) + n;
                }
            }
        }

        return [.. members.Select(p => new LabelCount(p.Key, p.Value)).OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)];
    }
}

/// <summary>Karyotype order for chromosome names with or without <c>chr</c>: 1–22, X, Y, M/MT, then the rest.</summary>
public static class ChromosomeOrder
{
    public static int Rank(string name)
    {
        var bare = Bare(name);
        return int.TryParse(bare, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 100
            ? n
            : bare switch { "X" => 100, "Y" => 101, "M" or "MT" => 102, _ => 200 };
    }

    /// <summary>The name without a leading <c>chr</c>.</summary>
    public static string Bare(string name) => name.StartsWith("chr", StringComparison.OrdinalIgnoreCase) ? name[3..] : name;
}
