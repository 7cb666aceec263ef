using System.Runtime.InteropServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A filter's summary from allele counts per facet, counted in arrays by label id rather than dictionaries (<see cref="SummaryCounts"/>):
/// an index can have 200,000 facets and 40,000 gene lists. The writer's whole-job summary is labelled by it too: genes and
/// GWAS traits per member of their comma-separated lists, each list split once per index.
/// </summary>
internal sealed class FacetTally
{
    private readonly ReadOnlyMemory<Facet> _facets;
    private readonly LabelTexts _labels;
    private readonly bool[] _intergenic;
    private readonly int[] _sizes;
    private readonly Lazy<Members> _genes;
    private readonly Lazy<Members> _gwas;

    /// <summary>Over an index's facets; the writer, which counts as it goes, gives none.</summary>
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
        TopGenes = [.. _genes.Value.Count(tally.Genes, g => g != "NONE").OrderByDescending(c => c.Count).ThenBy(c => c.Label, StringComparer.Ordinal)
            .Take(ResultsSummary.TopGeneCount)],
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
            var found = new List<int>();
            _byLabel = new int[size][];
            for (var id = 0; id < size; id++)
            {
                var text = id < labels.Length ? labels[id] : null;
                _byLabel[id] = string.IsNullOrEmpty(text) ? [] : IsSingle(text) ? [Id(ids, text)] : Split(text, ids, found);
            }
        }

        // most lists name one gene or trait: no comma, no escape, nothing to trim
        private static bool IsSingle(string text) =>
            !text.AsSpan().ContainsAny(',', '\\') && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);

        // each distinct member once: split on commas, trimmed, empty ones dropped, escapes undone (a trait's comma is \x2c)
        private int[] Split(string text, Dictionary<string, int> ids, List<int> found)
        {
            found.Clear();
            foreach (var range in text.AsSpan().Split(','))
            {
                var member = text.AsSpan(range).Trim();
                if (member.IsEmpty)
                {
                    continue;
                }

                var id = member.Contains('\\') ? Id(ids, AnnotatedVcf.Unescape(member.ToString())) : Id(ids, member);
                if (!found.Contains(id))
                {
                    found.Add(id);
                }
            }

            return [.. found];
        }

        private int Id(Dictionary<string, int> ids, ReadOnlySpan<char> member) =>
            ids.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(member, out var id) ? id : Id(ids, member.ToString());

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
            for (var id = 0; id < Math.Min(perLabel.Length, _byLabel.Length); id++)
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
