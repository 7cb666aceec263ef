using System.Globalization;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// The reverse-strand exon walk (<c>$dbstrand eq '-'</c>): last exon to first, so exon numbers and cDNA offsets
/// count from the transcript's 3' end in genome order; alleles are reverse-complemented.
/// </summary>
public sealed partial class GeneAnnotator
{
    private void WalkReverse(Transcript t, AnnovarVariant v, int cdsStart, int cdsEnd)
    {
        var gene = t.Gene;
        int start = v.Start, end = v.End;
        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        var n = es.Length;
        int lenIntron = 0, lenExon = 0, rcdsStart = 0, rcdsEnd = 0;
        for (var k = n - 1; k >= 0; k--)
        {
            if (k < n - 1)
            {
                lenIntron += es[k + 1] - ee[k] - 1;
            }

            lenExon += ee[k] - es[k] + 1;
            if (cdsEnd <= ee[k])
            {
                rcdsStart = t.TxEnd - cdsEnd - lenIntron + 1;
                if (cdsEnd >= es[k])
                {
                    lenExon = cdsEnd - es[k] + 1;
                }
            }

            if (cdsStart <= ee[k])
            {
                rcdsEnd = t.TxEnd - cdsStart - lenIntron + 1;
            }

            CheckSplicing(gene, k, n, es, ee, start, end);
            if (_splicing.Contains(gene))
            {
                var exon = "exon" + (n - k).ToString(CultureInfo.InvariantCulture);
                if (start == end && start <= cdsEnd)
                {
                    if (start >= es[k] - SplicingThreshold && start < es[k])
                    {
                        AppendSplicing(gene, $"{t.Name}:{exon}:c.{lenExon}+{es[k] - start}{ReverseComplement(v.Ref)}>{ReverseComplement(v.Obs)}");
                    }
                    else if (start > ee[k] && start <= ee[k] + SplicingThreshold)
                    {
                        lenExon -= ee[k] - es[k];
                        AppendSplicing(gene, $"{t.Name}:{exon}:c.{lenExon}-{start - ee[k]}{ReverseComplement(v.Ref)}>{ReverseComplement(v.Obs)}");
                    }
                }

                if (start == end && start > cdsEnd)
                {
                    if (NearSplice(start, es[k], ee[k]))
                    {
                        AppendSplicing(gene, $"{t.Name}:{exon}:UTR5");
                    }
                }
                else if (start == end && start < cdsStart && NearSplice(start, es[k], ee[k]))
                {
                    AppendSplicing(gene, $"{t.Name}:{exon}:UTR3");
                }

                if (start != end && ((end >= es[k] - SplicingThreshold && end < es[k]) || (start > ee[k] && start <= ee[k] + SplicingThreshold)))
                {
                    AppendSplicing(gene, $"{t.Name}:{exon}:r.spl");
                }
            }

            if (end > ee[k])
            {
                if (start <= ee[k])
                {
                    var rvarStart = t.TxEnd - ee[k] - lenIntron + 1;
                    var rvarEnd = ReverseVariantEnd(t, k, start, lenIntron);
                    if (end < cdsStart)
                    {
                        Append(_utr3, gene, $"{t.Name}:c.*{rvarStart - rcdsEnd}_*{rvarEnd - rcdsEnd}delins{ReverseComplement(v.Obs)}");
                    }
                    else if (start > cdsEnd)
                    {
                        Append(_utr5, gene, $"{t.Name}:c.{rcdsStart - rvarStart}_{rcdsStart - rvarEnd}delins{ReverseComplement(v.Obs)}");
                    }
                    else
                    {
                        _exonic.Add(gene);
                        CodingExonic(t, rcdsStart, rvarStart, rvarEnd, n - k, cut: 1);
                    }

                    return;
                }

                if (k < n - 1 && end < es[k + 1])
                {
                    _intronic.Add(gene);
                    return;
                }
            }
            else if (end >= es[k])
            {
                var rvarStart = t.TxEnd - end - lenIntron + 1;
                var rvarEnd = ReverseVariantEnd(t, k, start, lenIntron);
                if (end < cdsStart)
                {
                    Append(_utr3, gene, t.Name + ":c." + Utr3Reverse(v, rvarStart - rcdsEnd, rvarEnd - rcdsEnd));
                }
                else if (start > cdsEnd || (start == cdsEnd && v.Ref == "-"))
                {
                    Append(_utr5, gene, t.Name + ":c." + Utr5Reverse(v, rvarStart - rcdsStart, rvarEnd - rcdsStart));
                }
                else
                {
                    _exonic.Add(gene);
                    CodingExonic(t, rcdsStart, rvarStart, rvarEnd, n - k, cut: InIntron(t, start) ? -1 : 0);
                }

                return;
            }
        }
    }

    private static int ReverseVariantEnd(Transcript t, int k, int start, int lenIntron)
    {
        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        for (var m = k; m >= 0; m--)
        {
            if (m < k)
            {
                lenIntron += es[m + 1] - ee[m] - 1;
            }

            if (start > ee[m])
            {
                return t.TxEnd - es[m + 1] + 1 - lenIntron + (es[m + 1] - ee[m] - 1);
            }

            if (start >= es[m])
            {
                return t.TxEnd - start - lenIntron + 1;
            }
        }

        return t.TxEnd - t.TxStart - lenIntron + 1;
    }

    // The reverse strand names its alleles by their complement, again in ANNOVAR's own spelling.
    private static string Utr3Reverse(AnnovarVariant v, int a, int b) => (v.Start == v.End, v.Ref, v.Obs) switch
    {
        (true, not "-", not "-") => $"*{a}{ReverseComplement(v.Ref)}>{ReverseComplement(v.Obs)}",
        (true, "-", not "-") => $"*{a - 1}_*{a}ins{ReverseComplement(v.Obs)}",
        (true, not "-", "-") => $"*{a}del{ReverseComplement(v.Ref)}",
        (_, not "-", "-") => $"*{b}_*{a}del{ReverseComplement(v.Ref)}",
        _ => $"*{b}_*{a}delins{ReverseComplement(v.Obs)}",
    };

    private static string Utr5Reverse(AnnovarVariant v, int a, int b) => (v.Start == v.End, v.Ref, v.Obs) switch
    {
        (true, not "-", not "-") => $"{a}{ReverseComplement(v.Ref)}>{ReverseComplement(v.Obs)}",
        (true, "-", not "-") => $"{a - 1}_{a}ins{ReverseComplement(v.Obs)}",
        (true, not "-", "-") => $"{a}del{ReverseComplement(v.Ref)}",
        (_, not "-", "-") => $"{b}_{a}del{ReverseComplement(v.Ref)}",
        _ => $"{b}_{a}delins{ReverseComplement(v.Obs)}",
    };

    internal static string ReverseComplement(string bases)
    {
        if (bases == "-")
        {
            return bases;
        }

        return string.Create(bases.Length, bases, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                span[s.Length - 1 - i] = s[i] switch
                {
                    'A' => 'T', 'C' => 'G', 'G' => 'C', 'T' => 'A',
                    'a' => 't', 'c' => 'g', 'g' => 'c', 't' => 'a',
                    var other => other,
                };
            }
        });
    }
}
