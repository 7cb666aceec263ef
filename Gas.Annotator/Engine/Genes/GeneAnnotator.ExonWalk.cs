using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// The exon walk of annotate_variation.pl's <c>newprocessNextQueryBatchByGene</c> for one transcript the variant overlaps:
/// the ncRNA flag, the splicing test (2013feb21 rules, without -exonicsplicing) and the shortcut that skips the walk when
/// its detail is not needed. The walk itself is per strand: GeneAnnotator.ForwardStrand.cs and GeneAnnotator.ReverseStrand.cs.
/// </summary>
public sealed partial class GeneAnnotator
{
    // One transcript that the variant overlaps; a non-coding one is walked as if its CDS were the whole transcript.
    private void Classify(Transcript t, AnnovarVariant v)
    {
        var gene = t.Gene;
        int cdsStart = t.CdsStart, cdsEnd = t.CdsEnd;
        if (t.IsNonCoding)
        {
            _ncRna.Add(gene);
            cdsStart = t.TxStart;
            cdsEnd = t.TxEnd;
        }

        if (TryClassifyQuickly(t, v, cdsStart, cdsEnd))
        {
            return;
        }

        if (t.Forward)
        {
            WalkForward(t, v, cdsStart, cdsEnd);
        }
        else
        {
            WalkReverse(t, v, cdsStart, cdsEnd);
        }
    }

    // The exon walk below only ever stops at the first exon the variant reaches, and only the last few exons before it can
    // put it within 2 bp of a splice site; so coding exonic and intronic calls are found by binary search. UTR and splicing
    // calls need the walk's running cDNA offsets for their HGVS detail and take the full walk.
    private bool TryClassifyQuickly(Transcript t, AnnovarVariant v, int cdsStart, int cdsEnd)
    {
        var gene = t.Gene;
        if (_splicing.Contains(gene))
        {
            return false;
        }

        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        var n = es.Length;
        int start = v.Start, end = v.End;
        bool inExon;
        if (t.Forward)
        {
            var k = LowerBound(ee, start);
            if (k >= n)
            {
                return false;
            }

            for (var j = Math.Max(0, k - 3); j <= k; j++)
            {
                CheckSplicing(gene, j, n, es, ee, start, end);
            }

            if (_splicing.Contains(gene))
            {
                return false;
            }

            inExon = end >= es[k];
            if (inExon && (end < cdsStart || start > cdsEnd))
            {
                return false;
            }
        }
        else
        {
            var k = UpperBound(es, end) - 1;
            if (k < 0)
            {
                return false;
            }

            for (var j = Math.Min(n - 1, k + 3); j >= k; j--)
            {
                CheckSplicing(gene, j, n, es, ee, start, end);
            }

            if (_splicing.Contains(gene))
            {
                return false;
            }

            inExon = start <= ee[k];
            if (inExon && (end < cdsStart || start > cdsEnd || (start == cdsEnd && v.Ref == "-")))
            {
                return false;
            }
        }

        if (inExon && _proteins is not null && !t.IsNonCoding && _variant.ChangesSequence)
        {
            return false;       // ExonicFunc needs the walk's mRNA offsets
        }

        (inExon ? _exonic : _intronic).Add(gene);
        return true;
    }

    private void CheckSplicing(string gene, int k, int n, int[] es, int[] ee, int start, int end)
    {
        if (n == 1)
        {
            return;
        }

        if (k == 0 && start >= ee[k] + 1 && start <= ee[k] + SplicingThreshold)
        {
            _splicing.Add(gene);
        }
        else if (k == n - 1 && end >= es[k] - SplicingThreshold && end <= es[k] - 1)
        {
            _splicing.Add(gene);
        }
        else if (k > 0 && k < n - 1
            && (Overlaps(start, end, es[k] - SplicingThreshold, es[k] - 1) || Overlaps(start, end, ee[k] + 1, ee[k] + SplicingThreshold)))
        {
            _splicing.Add(gene);
        }
    }

    private static bool Overlaps(int start, int end, int from, int to) => start <= to && end >= from;

    private static bool NearSplice(int start, int exonStart, int exonEnd) =>
        (start >= exonStart - SplicingThreshold && start < exonStart) || (start > exonEnd && start <= exonEnd + SplicingThreshold);
}
