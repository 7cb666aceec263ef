namespace Gas.Core.VariantIndex;

/// <summary>
/// A filter's summary from allele counts per facet, counted in arrays by label id rather than dictionaries (<see cref="SummaryCounts"/>):
/// an index can have 200,000 facets and 40,000 gene lists. The writer's whole-job summary is labelled by it too: genes and
/// GWAS traits per member of their comma-separated lists, each list split once per index.
/// </summary>
internal sealed class FacetTally
{
    // more alleles first, then by label: so "least" is fewer alleles, or the later label among equals
    private static readonly Comparer<LabelCount> LeastFirst = Comparer<LabelCount>.Create((a, b) =>
        a.Count != b.Count ? a.Count.CompareTo(b.Count) : -string.CompareOrdinal(a.Label, b.Label));

    private readonly ReadOnlyMemory<Facet> _facets;
    private readonly LabelTexts _labels;
    private readonly bool[] _intergenic;
    private readonly int[] _sizes;
    private readonly Lazy<LabelMembers> _genes;
    private readonly Lazy<LabelMembers> _gwas;

    /// <summary>
    /// Over an index's facets. The writer, which counts as it goes, gives none, and gives the gene lists and traits already
    /// split as their labels came (so that the end of a job does not split 40,000 lists).
    /// </summary>
    public FacetTally(ReadOnlyMemory<Facet> facets, LabelTexts labels, LabelMembers? genes = null, LabelMembers? gwas = null)
    {
        _facets = facets;
        _labels = labels;
        var funcs = labels.Of(LabelKind.Func);
        _sizes = [.. Enum.GetValues<LabelKind>().Select(kind => labels.Of(kind).Length)];
        foreach (var f in facets.Span)
        {
            Grow(LabelKind.Chrom, f.Chrom);
            Grow(LabelKind.Func, f.Func);
            Grow(LabelKind.Genes, f.Genes);
            Grow(LabelKind.ExonicFunc, f.ExonicFunc);
            Grow(LabelKind.Gwas, f.Gwas);
        }

        _intergenic = new bool[_sizes[(int)LabelKind.Func]];
        for (var id = 0; id < funcs.Length; id++)
        {
            _intergenic[id] = funcs[id] == "intergenic";
        }

        _genes = genes is null ? new(() => new LabelMembers(labels.Of(LabelKind.Genes), _sizes[(int)LabelKind.Genes])) : new(genes);
        _gwas = gwas is null ? new(() => new LabelMembers(labels.Of(LabelKind.Gwas), _sizes[(int)LabelKind.Gwas])) : new(gwas);
    }

    /// <summary>The summary of the facets <paramref name="include"/> keeps (null: all), each counted <paramref name="counts"/>[id] times.</summary>
    public ResultsSummary Summarize(ReadOnlySpan<long> counts, RowMatcher? include)
    {
        var tally = new SummaryCounts(_sizes);
        var facets = _facets.Span;
        for (var id = 0; id < counts.Length; id++)
        {
            var n = counts[id];
            if (n > 0 && (include is null || include.Selects(id)))
            {
                tally.Add(facets[id], n, _intergenic[facets[id].Func]);
            }
        }

        return Summary(tally);
    }

    /// <summary>The counts labelled: genes and traits per member of their lists, most first.</summary>
    public ResultsSummary Summary(SummaryCounts tally) => new()
    {
        Alleles = tally.Alleles,
        Funcs = MostFirst(Labelled(tally.Funcs, LabelKind.Func)),
        ExonicFuncs = MostFirst(Labelled(tally.ExonicFuncs, LabelKind.ExonicFunc)),
        Chromosomes = [.. Labelled(tally.Chroms, LabelKind.Chrom).OrderBy(c => ChromosomeOrder.Rank(c.Label)).ThenBy(c => c.Label, StringComparer.Ordinal)],
        TopGenes = MostFirst(_genes.Value.Count(tally.Genes, g => g != "NONE"), ResultsSummary.TopGeneCount),
        GwasTraits = MostFirst(_gwas.Value.Count(tally.Gwas, _ => true)),
        GwasHits = tally.GwasHits,
        Known = tally.Known,
        BuildFlagged = tally.Flagged,
    };

    private void Grow(LabelKind kind, int id) => _sizes[(int)kind] = Math.Max(_sizes[(int)kind], id + 1);

    private IEnumerable<LabelCount> Labelled(long[] counts, LabelKind kind)
    {
        for (var id = 0; id < counts.Length; id++)
        {
            if (counts[id] > 0)
            {
                yield return new LabelCount(_labels[kind, id] ?? "", counts[id]);
            }
        }
    }

    private static List<LabelCount> MostFirst(IEnumerable<LabelCount> counts) =>
        [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)];

    // the first few in that order without sorting all (a job names 20,000 genes and shows 20): a heap whose root is the
    // least of those kept
    private static List<LabelCount> MostFirst(IEnumerable<LabelCount> counts, int take)
    {
        var kept = new PriorityQueue<LabelCount, LabelCount>(take + 1, LeastFirst);
        foreach (var c in counts)
        {
            if (kept.Count < take)
            {
                kept.Enqueue(c, c);
            }
            else if (LeastFirst.Compare(c, kept.Peek()) > 0)
            {
                kept.EnqueueDequeue(c, c);
            }
        }

        var list = new List<LabelCount>(kept.Count);
        while (kept.TryDequeue(out var c, out _))
        {
            list.Add(c);
        }

        list.Reverse();
        return list;
    }
}
