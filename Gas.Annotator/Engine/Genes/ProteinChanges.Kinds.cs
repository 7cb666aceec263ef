using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Sequence;

namespace Gas.Annotator.Engine;

/// <summary>The branches of <c>annotateExonicVariants</c>, one per kind of change, in ANNOVAR's notation (no -hgvs).</summary>
internal sealed partial class ProteinChanges
{
    // ANNOVAR places an insertion after its position; on the '−' strand "after" in the genome is "before" in the mRNA.
    private static (int, string) Insertion(
        ReadOnlySpan<byte> window, ReadOnlySpan<byte> wt, ReadOnlySpan<byte> after, int fs, string obs, bool forward, int offset, int varpos,
        string prefix, bool mito)
    {
        var w = Ascii(wt);
        var at = forward ? (fs == 1 ? 2 : fs == 2 ? 3 : 1) : (fs == 1 ? 1 : fs == 2 ? 2 : 0);
        var mutant = w[..at] + obs + w[at..];
        var wtaa = GeneticCode.TranslateAll(wt, mito);
        var wtaaAfter = GeneticCode.TranslateAll(after, mito);
        if (wtaaAfter == "*")
        {
            wtaaAfter = "X";
        }

        var varaa = GeneticCode.TranslateAll(System.Text.Encoding.ASCII.GetBytes(mutant), mito);
        string canno;
        if (forward)
        {
            canno = obs == Base(window, fs + 1) ? $"c.{offset + 1}dup{obs}"
                : obs == Base(window, fs + 2) ? $"c.{offset + 2}dup{obs}"
                : $"c.{offset + 1}_{offset + 2}ins{obs}";
        }
        else
        {
            canno = obs == Base(window, fs) ? $"c.{offset}dup{obs}"
                : obs == Base(window, fs + 1) ? $"c.{offset + 1}dup{obs}"
                : $"c.{offset}_{offset + 1}ins{obs}";
        }

        var stopInVariant = varaa.Contains('*', StringComparison.Ordinal);
        var truncated = stopInVariant ? varaa[..varaa.IndexOf('*', StringComparison.Ordinal)] + "X" : varaa;
        if (obs.Length % 3 == 0)
        {
            if (wtaa == "*")
            {
                return stopInVariant
                    ? (NfsIns, $"{prefix}{canno}:p.X{varpos}delins{truncated}")
                    : (StopLoss, $"{prefix}{canno}:p.X{varpos}delins{varaa}");
            }

            return stopInVariant
                ? (StopGain, $"{prefix}{canno}:p.{wtaa}{varpos}delins{truncated}")
                : (NfsIns, $"{prefix}{canno}:p.{wtaa}{varpos}delins{varaa}");
        }

        if (wtaa == "*")
        {
            return stopInVariant
                ? (FsIns, $"{prefix}{canno}:p.X{varpos}delins{truncated}")
                : (StopLoss, $"{prefix}{canno}:p.X{varpos}delins{varaa}");
        }

        return stopInVariant
            ? (StopGain, $"{prefix}{canno}:p.{wtaa}{varpos}_{wtaaAfter}{varpos + 1}delins{truncated}")
            : (FsIns, $"{prefix}{canno}:p.{wtaa}{varpos}fs");
    }

    private static (int, string) SingleDeletion(ReadOnlySpan<byte> wt, ReadOnlySpan<byte> after, int fs, int offset, int varpos, string prefix, bool mito)
    {
        var w = Ascii(wt);
        var deleted = w[fs];
        var mutant = w.Remove(fs, 1) + Ascii(after);
        var wtaa = GeneticCode.TranslateAll(wt, mito);
        var varaa = GeneticCode.TranslateAll(System.Text.Encoding.ASCII.GetBytes(mutant), mito);
        var canno = $"c.{offset + 1}del{deleted}";
        var stop = varaa.Contains('*', StringComparison.Ordinal);
        if (wtaa == "*")
        {
            return stop ? (NfsDel, $"{prefix}{canno}:p.X{varpos}X") : (StopLoss, $"{prefix}{canno}:p.X{varpos}{varaa}");
        }

        return stop ? (StopGain, $"{prefix}{canno}:p.{wtaa}{varpos}X") : (FsDel, $"{prefix}{canno}:p.{wtaa}{varpos}fs");
    }

    private (int, string) Snv(ReadOnlySpan<byte> wt, int fs, string reference, string obs, int offset, int varpos, string prefix, bool mito)
    {
        var w = Ascii(wt);
        var genomeBase = w[fs];
        if (reference != "0" && reference.Length == 1 && reference[0] != genomeBase)
        {
            GenomeBase ??= genomeBase;
        }

        var mutant = w[..fs] + obs + w[(fs + 1)..];
        var wtaa = GeneticCode.TranslateAll(wt, mito);
        var varaa = GeneticCode.TranslateAll(System.Text.Encoding.ASCII.GetBytes(mutant), mito);
        var canno = $"c.{genomeBase}{offset + 1}{obs}";
        if (wtaa == varaa)
        {
            var aa = wtaa == "*" ? "X" : wtaa;
            return (Synonymous, $"{prefix}{canno}:p.{aa}{varpos}{aa}");
        }

        if (varaa == "*")
        {
            return (StopGain, $"{prefix}{canno}:p.{wtaa}{varpos}X");
        }

        if (wtaa == "*")
        {
            return (StopLoss, $"{prefix}{canno}:p.X{varpos}{varaa}");
        }

        return varpos == 1 && wtaa == "M"
            ? (StartLoss, $"{prefix}{canno}:p.M1{varaa}")
            : (Nonsynonymous, $"{prefix}{canno}:p.{wtaa}{varpos}{varaa}");
    }

    private static (int, string) Deletion(Transcript t, ReadOnlySpan<byte> wt, int cds, int start, int end, int varpos, string prefix, bool mito)
    {
        var wtaa = GeneticCode.TranslateAll(wt, mito);
        var canno = $"c.{start - cds + 1}_{end - cds + 1}del";
        if (start <= cds)
        {
            // the first codon is gone: ANNOVAR (with its default -firstcodondel) calls the whole gene deleted
            return (FsDel, $"{t.Gene}:{t.Name}:wholegene");
        }

        if (end >= t.CdsLength + cds)
        {
            return (FsDel, $"{prefix}{canno}:p.{wtaa}{varpos}fs");
        }

        if ((end - start + 1) % 3 == 0)
        {
            return (NfsDel, $"{prefix}{canno}:p.{varpos}_{(end - cds) / 3 + 1}del");
        }

        return (FsDel, $"{prefix}{canno}:p.{wtaa}{varpos}fs");
    }

    private static string Base(ReadOnlySpan<byte> window, int index) =>
        index >= 0 && index < window.Length && window[index] != 0 ? ((char)window[index]).ToString() : "";
}
