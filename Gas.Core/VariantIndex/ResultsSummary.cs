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
