using System.Text;
using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Sequence;

namespace Gas.Annotator.Engine;

/// <summary>
/// ExonicFunc.refGene and AAChange.refGene: a port of annotate_variation.pl's <c>annotateExonicVariants</c> for one allele.
/// The gene walk hands over each coding transcript the allele is exonic in (ANNOVAR's <c>%refseqvar</c>: CDS start, variant
/// start and end in the mRNA, exon number, REF/ALT cut to the exonic part); <see cref="Conclude"/> reads the codons from the
/// genome and keeps the most severe class, with every transcript of that class.
/// </summary>
internal sealed partial class ProteinChanges(TwoBitFile genome)
{
    /// <summary>ANNOVAR's precedence, most severe first (startloss, from ANNOVAR 2019, placed after stoploss).</summary>
    internal static readonly string[] Classes =
    [
        "frameshift insertion", "frameshift deletion", "frameshift substitution", "stopgain", "stoploss", "startloss",
        "nonframeshift insertion", "nonframeshift deletion", "nonframeshift substitution", "nonsynonymous SNV", "synonymous SNV", "unknown",
    ];

    private const int FsIns = 0, FsDel = 1, FsSub = 2, StopGain = 3, StopLoss = 4, StartLoss = 5;
    private const int NfsIns = 6, NfsDel = 7, NfsSub = 8, Nonsynonymous = 9, Synonymous = 10, Unknown = 11;

    private readonly List<Entry> _entries = [];
    private readonly List<string>?[] _byClass = new List<string>?[Classes.Length];
    private string _chromosome = "";

    /// <summary>Set by <see cref="Conclude"/> when a SNV's REF differs from the genome's base in some transcript's codon.</summary>
    public char? GenomeBase { get; private set; }

    public int Count => _entries.Count;

    public void Start(string chromosome)
    {
        _chromosome = chromosome;
        _entries.Clear();
    }

    public void Add(Transcript t, int cdsStart, int varStart, int varEnd, int exon, string? refCut, string? obsCut) =>
        _entries.Add(new Entry(t, cdsStart, varStart, varEnd, exon, refCut, obsCut));

    /// <summary>The winning class and its AAChange list, for the allele <paramref name="v"/>.</summary>
    public (string ExonicFunc, string AAChange) Conclude(AnnovarVariant v)
    {
        GenomeBase = null;
        foreach (var list in _byClass)
        {
            list?.Clear();
        }

        _entries.Sort(static (a, b) => a.Transcript.Gene != b.Transcript.Gene
            ? string.CompareOrdinal(a.Transcript.Gene, b.Transcript.Gene)
            : string.CompareOrdinal(a.Transcript.Name, b.Transcript.Name));
        foreach (var entry in _entries)
        {
            var (kind, text) = Annotate(entry, v);
            if (kind >= 0)
            {
                (_byClass[kind] ??= []).Add(text);
            }
        }

        for (var i = 0; i < Classes.Length; i++)
        {
            if (_byClass[i] is { Count: > 0 } texts)
            {
                return (Classes[i], string.Join(',', texts));
            }
        }

        return (".", ".");
    }

    private (int Kind, string Text) Annotate(Entry e, AnnovarVariant v)
    {
        var t = e.Transcript;
        if (!TranscriptSequence.HasUsableOrf(genome, _chromosome, t))
        {
            return (Unknown, "UNKNOWN");
        }

        var reference = e.RefCut ?? v.Ref;
        var obs = e.ObsCut ?? v.Obs;
        if (!t.Forward)
        {
            reference = GeneAnnotator.ReverseComplement(reference);
            obs = GeneAnnotator.ReverseComplement(obs);
        }

        int cds = e.CdsStart, start = e.VarStart, end = e.VarEnd;
        var fs = PerlMod(start - cds, 3);
        var mrnaLength = t.MrnaLength;
        if (start - fs - 1 > mrnaLength || start - fs - 1 < 0)
        {
            return (-1, "");       // "Potential database annotation error": ANNOVAR writes nothing for this transcript
        }

        // the codon holding the variant's first base, the codon after it, and one base either side for dup detection
        Span<byte> window = stackalloc byte[8];
        TranscriptSequence.Read(genome, _chromosome, t, start - fs - 1, window);
        var wt = window.Slice(1, 3);
        var after = start - fs + 3 <= mrnaLength ? window.Slice(4, Math.Min(3, mrnaLength - (start - fs + 2))) : [];
        if (wt.IndexOf((byte)0) >= 0)
        {
            return (Unknown, "UNKNOWN");    // the codon runs past the mRNA: an incomplete coding frame
        }

        var prefix = $"{t.Gene}:{t.Name}:exon{e.Exon}:";
        var mito = GeneticCode.IsMitochondrial(_chromosome);
        var varpos = (start - cds) / 3 + 1;
        if (start == end)
        {
            if (reference == "-")
            {
                return Insertion(window, wt, after, fs, obs, t.Forward, start - cds, varpos, prefix, mito);
            }

            if (obs == "-")
            {
                return SingleDeletion(wt, after, fs, start - cds, varpos, prefix, mito);
            }

            if (obs.Length > 1)
            {
                var kind = PerlMod(end - start + 1 - obs.Length, 3) == 0 ? NfsSub : FsSub;
                return (kind, $"{prefix}c.{start - cds + 1}delins{obs}");
            }

            return Snv(wt, fs, reference, obs, start - cds, varpos, prefix, mito);
        }

        if (obs == "-")
        {
            return Deletion(t, wt, cds, start, end, varpos, prefix, mito);
        }

        var block = PerlMod(end - start + 1 - obs.Length, 3) == 0 ? NfsSub : FsSub;
        return (block, $"{prefix}c.{start - cds + 1}_{end - cds + 1}delins{obs}");
    }

    private static int PerlMod(int a, int b) => ((a % b) + b) % b;

    private sealed record Entry(Transcript Transcript, int CdsStart, int VarStart, int VarEnd, int Exon, string? RefCut, string? ObsCut);

    private static string Ascii(ReadOnlySpan<byte> bases) => Encoding.ASCII.GetString(bases);
}
