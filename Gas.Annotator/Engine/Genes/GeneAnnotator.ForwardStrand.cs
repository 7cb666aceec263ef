using System.Globalization;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// The forward-strand exon walk (<c>$dbstrand eq '+'</c>): first exon to last, with the cDNA offsets that the
/// UTR5/UTR3 and splice-site HGVS detail need.
/// </summary>
public sealed partial class GeneAnnotator
{
    private void WalkForward(Transcript t, AnnovarVariant v, int cdsStart, int cdsEnd)
    {
        var gene = t.Gene;
        int start = v.Start, end = v.End;
        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        var n = es.Length;
        int lenIntron = 0, lenExon = 0, rcdsStart = 0, rcdsEnd = 0;
        for (var k = 0; k < n; k++)
        {
            if (k > 0)
            {
                lenIntron += es[k] - ee[k - 1] - 1;
            }

            lenExon += ee[k] - es[k] + 1;
            if (cdsStart >= es[k])
            {
                rcdsStart = cdsStart - t.TxStart - lenIntron + 1;
                if (cdsStart <= ee[k])
                {
                    lenExon = ee[k] - cdsStart + 1;
                }
            }

            if (cdsEnd >= es[k])
            {
                rcdsEnd = cdsEnd - t.TxStart - lenIntron + 1;
            }

            CheckSplicing(gene, k, n, es, ee, start, end);
            if (_splicing.Contains(gene))
            {
                var exon = "exon" + (k + 1).ToString(CultureInfo.InvariantCulture);
                if (start == end && start >= cdsStart)
                {
                    if (start >= es[k] - SplicingThreshold && start < es[k])
                    {
                        lenExon -= ee[k] - es[k];
                        AppendSplicing(gene, $"{t.Name}:{exon}:c.{lenExon}-{es[k] - start}{v.Ref}>{v.Obs}");
                    }
                    else if (start > ee[k] && start <= ee[k] + SplicingThreshold)
                    {
                        AppendSplicing(gene, $"{t.Name}:{exon}:c.{lenExon}+{start - ee[k]}{v.Ref}>{v.Obs}");
                    }
                }

                if (start == end && start < cdsStart)
                {
                    if (NearSplice(start, es[k], ee[k]))
                    {
                        AppendSplicing(gene, $"{t.Name}:{exon}:UTR5");
                    }
                }
                else if (start == end && start > cdsEnd && NearSplice(start, es[k], ee[k]))
                {
                    AppendSplicing(gene, $"{t.Name}:{exon}:UTR3");
                }

                if (start != end && ((end >= es[k] - SplicingThreshold && end < es[k]) || (start > ee[k] && start <= ee[k] + SplicingThreshold)))
                {
                    AppendSplicing(gene, $"{t.Name}:{exon}:r.spl");
                }
            }

            if (start < es[k])
            {
                if (end >= es[k])
                {
                    var rvarStart = es[k] - t.TxStart - lenIntron + 1;
                    var rvarEnd = ForwardVariantEnd(t, k, end, lenIntron);
                    if (end < cdsStart)
                    {
                        Append(_utr5, gene, $"{t.Name}:c.{rvarStart - rcdsStart}_{rvarEnd - rcdsStart}delins{v.Obs}");
                    }
                    else if (start > cdsEnd)
                    {
                        Append(_utr3, gene, $"{t.Name}:c.*{rvarStart - rcdsEnd}_*{rvarEnd - rcdsEnd}delins{v.Obs}");
                    }
                    else
                    {
                        _exonic.Add(gene);
                        CodingExonic(t, rcdsStart, rvarStart, rvarEnd, k + 1, cut: -1);
                    }

                    return;
                }

                if (k > 0 && start > ee[k - 1])
                {
                    _intronic.Add(gene);
                    return;
                }
            }
            else if (start <= ee[k])
            {
                var rvarStart = start - t.TxStart - lenIntron + 1;
                var rvarEnd = ForwardVariantEnd(t, k, end, lenIntron);
                if (end < cdsStart)
                {
                    var a = rvarStart - rcdsStart;
                    Append(_utr5, gene, t.Name + ":c." + Utr5Forward(v, a, rvarEnd - rcdsStart));
                }
                else if (start > cdsEnd)
                {
                    var a = rvarStart - rcdsEnd;
                    Append(_utr3, gene, t.Name + ":c." + Utr3Forward(v, a, rvarEnd - rcdsEnd));
                }
                else
                {
                    _exonic.Add(gene);
                    CodingExonic(t, rcdsStart, rvarStart, rvarEnd, k + 1, cut: InIntron(t, end) ? 1 : 0);
                }

                return;
            }
        }
    }

    private static int ForwardVariantEnd(Transcript t, int k, int end, int lenIntron)
    {
        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        for (var m = k; m < es.Length; m++)
        {
            if (m > k)
            {
                lenIntron += es[m] - ee[m - 1] - 1;
            }

            if (end < es[m])
            {
                return ee[m - 1] - t.TxStart - lenIntron + 1 + (es[m] - ee[m - 1] - 1);
            }

            if (end <= ee[m])
            {
                return end - t.TxStart - lenIntron + 1;
            }
        }

        return t.TxEnd - t.TxStart - lenIntron + 1;
    }

    // The c. notations below keep ANNOVAR's own spelling, quirks included, so that outputs compare equal.
    private static string Utr5Forward(AnnovarVariant v, int a, int b) => (v.Start == v.End, v.Ref, v.Obs) switch
    {
        (true, not "-", not "-") => $"{a}{v.Ref}>{v.Obs}",
        (true, "-", not "-") => $"{a}_{a + 1}ins{v.Obs}",
        (true, not "-", "-") => $"{a}del{v.Obs}",
        (_, not "-", "-") => $"{a}_{b}del{v.Obs}",
        _ => $"{a}_{b}delins{v.Obs}",
    };

    private static string Utr3Forward(AnnovarVariant v, int a, int b) => (v.Start == v.End, v.Ref, v.Obs) switch
    {
        (true, not "-", not "-") => $"*{a}{v.Ref}>{v.Obs}",
        (true, "-", not "-") => $"*{a}_*{a + 1}ins{v.Obs}",
        (true, not "-", "-") => $"*{a}del{v.Ref}",
        (_, not "-", "-") => $"*{a}_*{b}del{v.Ref}",
        _ => $"*{a}_*{b}delins{v.Obs}",
    };
}
