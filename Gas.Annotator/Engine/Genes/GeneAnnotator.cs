using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Sequence;

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

    private readonly ProteinChanges? _proteins;
    private AnnovarVariant _variant;

    /// <param name="genome">The genome the transcripts are read from for ExonicFunc/AAChange; without one, those stay '.'.</param>
    public GeneAnnotator(TwoBitFile? genome = null)
    {
        _proteins = genome is null ? null : new ProteinChanges(genome);
    }

    public static GeneCall NoGenes { get; } = new("intergenic", "NONE,NONE", "dist=NONE;dist=NONE");

    /// <summary>After <see cref="Annotate"/> of an exonic SNV: the genome's base where it differs from REF (ANNOVAR's "WRONG reference alleles").</summary>
    public char? GenomeBaseDiffering => _proteins?.GenomeBase;

    public GeneCall Annotate(ChromosomeIndex? chromosome, AnnovarVariant v)
    {
        if (v.Skipped)
        {
            return GeneCall.NotAnnotated;
        }

        if (chromosome is null || chromosome.Transcripts.Length == 0)
        {
            return NoGenes;
        }

        Clear();
        _variant = v;
        _proteins?.Start(chromosome.Name);
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
            var call = Genic(v);
            if (_proteins is { Count: > 0 } && call.Func.StartsWith("exonic", StringComparison.Ordinal))
            {
                var (exonicFunc, aaChange) = _proteins.Conclude(v);
                return call with { ExonicFunc = exonicFunc, AAChange = aaChange };
            }

            return call;
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

    /// <summary>A coding transcript the allele is exonic in (ANNOVAR's push onto <c>%refseqvar</c>), with REF/ALT cut to the exon when asked.</summary>
    private void CodingExonic(Transcript t, int cdsStart, int varStart, int varEnd, int exon, int cut)
    {
        if (_proteins is null || t.IsNonCoding || !_variant.ChangesSequence)
        {
            return;
        }

        var n = varEnd - varStart + 1;
        string? refCut = null, obsCut = null;
        if (cut != 0)
        {
            refCut = Cut(_variant.Ref, n, cut);
            obsCut = Cut(_variant.Obs, n, cut);
        }

        _proteins.Add(t, cdsStart, varStart, varEnd, exon, refCut, obsCut);
    }

    // Perl's substr($s, 0, n) (cut > 0) or substr($s, -n) (cut < 0): what lies outside the string is simply not there
    private static string Cut(string s, int n, int cut) =>
        n >= s.Length || n <= 0 ? s : cut > 0 ? s[..n] : s[^n..];

    /// <summary>Whether a position lies in an intron of the transcript (between two exons).</summary>
    private static bool InIntron(Transcript t, int position)
    {
        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        for (var k = 0; k + 1 < es.Length; k++)
        {
            if (position > ee[k] && position < es[k + 1])
            {
                return true;
            }
        }

        return false;
    }

    private void AppendSplicing(string gene, string anno) => Append(_splicingAnno, gene, anno);

    private static void Append(GeneMap map, string gene, string anno) =>
        map[gene] = map.TryGetValue(gene, out var existing) ? existing + "," + anno : anno;

}
