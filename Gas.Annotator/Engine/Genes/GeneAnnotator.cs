using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// Gene-based annotation following ANNOVAR's annotate_variation rules (refGene, default options):
/// splicing within 2 bp on the intron side, up/downstream within 1 kb by strand, ncRNA for transcripts without a CDS,
/// and the precedence exonic = splicing &gt; ncRNA &gt; UTR5/UTR3 &gt; intronic &gt; upstream/downstream &gt; intergenic.
/// Keeps scratch collections between calls: one instance per thread.
/// </summary>
/// <remarks>
/// A port of annotate_variation.pl's <c>newprocessNextQueryBatchByGene</c>, one part per file:
/// this file scans the bins for candidate transcripts (<c>$bin1</c> … <c>$bin2</c>);
/// <c>.ExonWalk</c> classifies one overlapped transcript (<c>.ForwardStrand</c>, <c>.ReverseStrand</c>);
/// <c>.Precedence</c> picks the winning class and builds the Func/Gene/GeneDetail columns;
/// <c>.Neighbours</c> handles up/downstream and intergenic calls.
/// </remarks>
public sealed partial class GeneAnnotator
{
    private const int SplicingThreshold = 2;
    private const int NearGene = ChromosomeIndex.NearGene;
    private const int ExpandBins = 2_000_000 / ChromosomeIndex.AnnovarBinSize;

    private readonly GeneSet _exonic = new();
    private readonly GeneSet _splicing = new();
    private readonly GeneMap _splicingAnno = new();
    private readonly GeneSet _ncRna = new();
    private readonly GeneSet _intronic = new();
    private readonly GeneMap _utr5 = new();
    private readonly GeneMap _utr3 = new();
    private readonly SortedSet<string> _upstream = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _downstream = new(StringComparer.Ordinal);
    private readonly List<int> _candidates = [];
    private readonly List<string> _scratch = [];
    private readonly List<string> _scratch2 = [];

    public static GeneCall NoGenes { get; } = new("intergenic", "NONE,NONE", "dist=NONE;dist=NONE");

    public GeneCall Annotate(ChromosomeIndex? chromosome, AnnovarVariant v)
    {
        if (chromosome is null || chromosome.Transcripts.Length == 0)
        {
            return NoGenes;
        }

        Clear();
        var transcripts = chromosome.Transcripts;
        CollectCandidates(chromosome, v.Start, v.End);

        var foundGenic = false;
        var starts = chromosome.StartsSorted;
        var ends = chromosome.EndsByIndex;
        foreach (var i in _candidates)
        {
            if (v.End < starts[i] || v.Start > ends[i])
            {
                continue;
            }

            Classify(transcripts[i], v);
            foundGenic = true;
        }

        if (foundGenic)
        {
            return Genic(v);
        }

        return Nearby(chromosome, v) ?? Intergenic(chromosome, v);
    }

    private void Clear()
    {
        _exonic.Clear();
        _splicing.Clear();
        _splicingAnno.Clear();
        _ncRna.Clear();
        _intronic.Clear();
        _utr5.Clear();
        _utr3.Clear();
        _upstream.Clear();
        _downstream.Clear();
        _candidates.Clear();
    }

    private void CollectCandidates(ChromosomeIndex c, int start, int end)
    {
        var first = Math.Max(0, start) >> ChromosomeIndex.BinShift;
        var last = Math.Min(Math.Max(0, end) >> ChromosomeIndex.BinShift, c.BinCount - 1);
        for (var b = first; b <= last; b++)
        {
            for (var k = c.BinOffsets[b]; k < c.BinOffsets[b + 1]; k++)
            {
                _candidates.Add(c.BinItems[k]);
            }
        }

        if (last > first)
        {
            _candidates.Sort();
            var write = 0;
            for (var k = 0; k < _candidates.Count; k++)
            {
                if (write == 0 || _candidates[write - 1] != _candidates[k])
                {
                    _candidates[write++] = _candidates[k];
                }
            }

            _candidates.RemoveRange(write, _candidates.Count - write);
        }
    }

    private void AppendSplicing(string gene, string anno) => Append(_splicingAnno, gene, anno);

    private static void Append(GeneMap map, string gene, string anno) =>
        map[gene] = map.TryGetValue(gene, out var existing) ? existing + "," + anno : anno;

}
