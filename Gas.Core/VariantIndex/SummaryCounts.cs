namespace Gas.Core.VariantIndex;

/// <summary>
/// Allele counts per label id, added facet by facet: a summary's numbers before <see cref="FacetTally.Summary"/> labels them.
/// The arrays grow with the ids met, so the writer can count each batch's facets as they come.
/// </summary>
internal sealed class SummaryCounts(int[]? sizes = null)
{
    private long[] _funcs = new long[Size(sizes, LabelKind.Func)];
    private long[] _exonic = new long[Size(sizes, LabelKind.ExonicFunc)];
    private long[] _chroms = new long[Size(sizes, LabelKind.Chrom)];
    private long[] _genes = new long[Size(sizes, LabelKind.Genes)];
    private long[] _gwas = new long[Size(sizes, LabelKind.Gwas)];

    public long[] Funcs => _funcs;
    public long[] ExonicFuncs => _exonic;
    public long[] Chroms => _chroms;

    /// <summary>Per gene list, outside intergenic alleles (their lists name the neighbours).</summary>
    public long[] Genes => _genes;
    public long[] Gwas => _gwas;
    public long Alleles { get; private set; }
    public long Known { get; private set; }
    public long GwasHits { get; private set; }
    public long Flagged { get; private set; }

    /// <summary>Counts <paramref name="n"/> alleles of the facet; <paramref name="intergenic"/>: its Func is "intergenic".</summary>
    public void Add(in Facet f, long n, bool intergenic)
    {
        Alleles += n;
        At(ref _funcs, f.Func) += n;
        At(ref _chroms, f.Chrom) += n;
        if (f.ExonicFunc > 0)
        {
            At(ref _exonic, f.ExonicFunc) += n;
        }

        if (f.Gwas > 0)
        {
            At(ref _gwas, f.Gwas) += n;
            GwasHits += n;
        }

        Known += f.Known ? n : 0;
        Flagged += f.BuildCheck > 0 ? n : 0;
        if (f.Genes > 0 && !intergenic)
        {
            At(ref _genes, f.Genes) += n;
        }
    }

    private static int Size(int[]? sizes, LabelKind kind) => sizes is null ? 16 : Math.Max(1, sizes[(int)kind]);

    private static ref long At(ref long[] counts, int id)
    {
        if (id >= counts.Length)
        {
            Array.Resize(ref counts, Math.Max(id + 1, counts.Length * 2));
        }

        return ref counts[id];
    }
}
