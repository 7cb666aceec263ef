using System.Globalization;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// Variants that hit no transcript, as annotate_variation.pl's <c>newprocessNextQueryBatchByGene</c> treats them: upstream or
/// downstream within <c>$neargene</c> (1 kb) by strand, else intergenic with the nearest gene on each side, searched
/// bin by bin up to <c>$expandbin</c> bins away.
/// </summary>
public sealed partial class GeneAnnotator
{
    // Up/downstream: transcripts within 1 kb, taken in ANNOVAR's scan order (by start) because its distances depend on it.
    private GeneCall? Nearby(ChromosomeIndex c, AnnovarVariant v)
    {
        var transcripts = c.Transcripts;
        int? distUp = null, distDown = null, leftMin = null;
        int? rightMin = null;
        foreach (var i in _candidates)
        {
            var t = transcripts[i];
            if (v.End < t.TxStart && v.End > t.TxStart - NearGene)
            {
                rightMin ??= NearestRightDistance(c, v.End);
                if (t.Forward)
                {
                    _upstream.Add(t.Gene);
                    distUp = rightMin;
                }
                else
                {
                    _downstream.Add(t.Gene);
                    distDown = rightMin;
                }
            }
            else if (v.Start > t.TxEnd && v.Start < t.TxEnd + NearGene)
            {
                var d = v.Start - t.TxEnd;
                leftMin = leftMin is { } m && m <= d ? m : d;
                if (t.Forward)
                {
                    _downstream.Add(t.Gene);
                    distDown = leftMin;
                }
                else
                {
                    _upstream.Add(t.Gene);
                    distUp = leftMin;
                }
            }
        }

        if (_upstream.Count == 0 && _downstream.Count == 0)
        {
            return null;
        }

        var up = string.Join(',', _upstream);
        var down = string.Join(',', _downstream);
        string Dist(int? d) => "dist=" + d?.ToString(CultureInfo.InvariantCulture);
        if (_upstream.Count > 0 && _downstream.Count > 0)
        {
            return new GeneCall("upstream;downstream", up + ";" + down, Dist(distUp) + ";" + Dist(distDown));
        }

        return _upstream.Count > 0 ? new GeneCall("upstream", up, Dist(distUp)) : new GeneCall("downstream", down, Dist(distDown));
    }

    private static int NearestRightDistance(ChromosomeIndex c, int end)
    {
        var i = UpperBound(c.StartsSorted, end);
        return c.StartsSorted[i] - end;
    }

    private static GeneCall Intergenic(ChromosomeIndex c, AnnovarVariant v)
    {
        var transcripts = c.Transcripts;
        string left = "NONE", right = "NONE", distLeft = "NONE", distRight = "NONE";

        var bin = v.Start / ChromosomeIndex.AnnovarBinSize;
        var bin1 = Math.Max(0, bin - 1);
        while (!c.AnnovarBinOccupied(bin1) && bin1 > bin - ExpandBins && bin1 > 0)
        {
            bin1--;
        }

        var endBin = v.End / ChromosomeIndex.AnnovarBinSize;
        var bin2 = endBin + 1;
        while (!c.AnnovarBinOccupied(bin2) && bin2 < endBin + ExpandBins)
        {
            bin2++;
        }

        // nearest left: largest end before the variant; among equals the first in start order
        var k = LowerBound(c.EndsSorted, v.Start) - 1;
        if (k >= 0)
        {
            var end = c.EndsSorted[k];
            while (k > 0 && c.EndsSorted[k - 1] == end)
            {
                k--;
            }

            var t = transcripts[c.ByEnd[k]];
            if ((t.TxEnd + NearGene) / ChromosomeIndex.AnnovarBinSize >= bin1)
            {
                left = t.Gene;
                distLeft = (v.Start - t.TxEnd).ToString(CultureInfo.InvariantCulture);
            }
        }

        var r = UpperBound(c.StartsSorted, v.End);
        if (r < transcripts.Length)
        {
            var t = transcripts[r];
            if ((t.TxStart - NearGene) / ChromosomeIndex.AnnovarBinSize <= bin2)
            {
                right = t.Gene;
                distRight = (t.TxStart - v.End).ToString(CultureInfo.InvariantCulture);
            }
        }

        return new GeneCall("intergenic", left + "," + right, "dist=" + distLeft + ";dist=" + distRight);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
