using System.Runtime.InteropServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A filter's summary from allele counts per facet, counted in arrays by label id rather than dictionaries: an index can
/// have 200,000 facets and 40,000 gene lists. The builder's whole-job summary is counted by it too:
/// genes and GWAS traits per member of their comma-separated lists, each list split once per index.
/// </summary>
internal sealed class FacetTally
{
    private readonly ReadOnlyMemory<Facet> _facets;
    private readonly LabelTexts _labels;
    private readonly bool[] _intergenic;
    private readonly int[] _sizes;
    private readonly Lazy<Members> _genes;
    private readonly Lazy<Members> _gwas;

    public FacetTally(ReadOnlyMemory<Facet> facets, LabelTexts labels)
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

        _genes = new Lazy<Members>(() => new Members(labels.Of(LabelKind.Genes), _sizes[(int)LabelKind.Genes]));
        _gwas = new Lazy<Members>(() => new Members(labels.Of(LabelKind.Gwas), _sizes[(int)LabelKind.Gwas]));
    }

    /// <summary>The summary of the facets <paramref name="include"/> keeps (null: all), each counted <paramref name="counts"/>[id] times.</summary>
    public ResultsSummary Summarize(ReadOnlySpan<long> counts, RowMatcher? include)
    {
        var funcs = new long[_sizes[(int)LabelKind.Func]];
        var exonic = new long[_sizes[(int)LabelKind.ExonicFunc]];
        var chroms = new long[_sizes[(int)LabelKind.Chrom]];
        var genes = new long[_sizes[(int)LabelKind.Genes]];
        var gwas = new long[_sizes[(int)LabelKind.Gwas]];
        long alleles = 0, known = 0, gwasHits = 0, flagged = 0;
        var facets = _facets.Span;
        for (var id = 0; id < counts.Length; id++)
        {
            var n = counts[id];
            if (n == 0 || (include is not null && !include.Selects(id)))
            {
                continue;
            }

            var f = facets[id];
            alleles += n;
            funcs[f.Func] += n;
            chroms[f.Chrom] += n;
            exonic[f.ExonicFunc] += f.ExonicFunc > 0 ? n : 0;
            gwas[f.Gwas] += f.Gwas > 0 ? n : 0;
            gwasHits += f.Gwas > 0 ? n : 0;
            known += f.Known ? n : 0;
            flagged += f.BuildCheck > 0 ? n : 0;
            genes[f.Genes] += f.Genes > 0 && !_intergenic[f.Func] ? n : 0;
        }

        return new ResultsSummary
        {
            Alleles = alleles,
            Funcs = MostFirst(Labelled(funcs, LabelKind.Func)),
            ExonicFuncs = MostFirst(Labelled(exonic, LabelKind.ExonicFunc)),
            Chromosomes = [.. Labelled(chroms, LabelKind.Chrom).OrderBy(c => ChromosomeOrder.Rank(c.Label)).ThenBy(c => c.Label, StringComparer.Ordinal)],
            TopGenes = [.. _genes.Value.Count(genes, g => g != "NONE").OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)
                .Take(ResultsSummary.TopGeneCount)],
            GwasTraits = MostFirst(_gwas.Value.Count(gwas, _ => true)),
            GwasHits = gwasHits,
            Known = known,
            BuildFlagged = flagged,
        };
    }

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

    /// <summary>
    /// The distinct members of each comma-separated label, as ids into one list of names; a comma inside a member (a GWAS
    /// trait's) is still <c>\x2c</c> in its label and undone once split.
    /// </summary>
    private sealed class Members
    {
        private readonly int[][] _byLabel;
        private readonly List<string> _names = [];

        public Members(string?[] labels, int size)
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            _byLabel = new int[size][];
            for (var id = 0; id < size; id++)
            {
                var text = id < labels.Length ? labels[id] : null;
                _byLabel[id] = string.IsNullOrEmpty(text) ? []
                    : IsSingle(text) ? [Id(ids, text)]
                    : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(AnnotatedVcf.Unescape).Distinct()
                        .Select(member => Id(ids, member))];
            }
        }

        // most lists name one gene or trait: no comma, no escape, nothing to trim
        private static bool IsSingle(string text) =>
            !text.AsSpan().ContainsAny(',', '\\') && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);

        private int Id(Dictionary<string, int> ids, string member)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, member, out var exists);
            if (!exists)
            {
                id = _names.Count;
                _names.Add(member);
            }

            return id;
        }

        /// <summary>Per member kept, the alleles of the lists that name it.</summary>
        public IEnumerable<LabelCount> Count(long[] perLabel, Func<string, bool> keep)
        {
            var perMember = new long[_names.Count];
            for (var id = 0; id < perLabel.Length; id++)
            {
                if (perLabel[id] > 0)
                {
                    foreach (var member in _byLabel[id])
                    {
                        perMember[member] += perLabel[id];
                    }
                }
            }

            for (var m = 0; m < perMember.Length; m++)
            {
                if (perMember[m] > 0 && keep(_names[m]))
                {
                    yield return new LabelCount(_names[m], perMember[m]);
                }
            }
        }
    }
}
