using System.Globalization;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// Gene-based annotation following ANNOVAR's annotate_variation rules (refGene, default options):
/// splicing within 2 bp on the intron side, up/downstream within 1 kb by strand, ncRNA for transcripts without a CDS,
/// and the precedence exonic = splicing &gt; ncRNA &gt; UTR5/UTR3 &gt; intronic &gt; upstream/downstream &gt; intergenic.
/// Keeps scratch collections between calls: one instance per thread.
/// </summary>
public sealed class GeneAnnotator
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

    // One transcript that the variant overlaps: a port of annotate_variation.pl's exon walk.
    private void Classify(Transcript t, AnnovarVariant v)
    {
        var gene = t.Gene;
        int start = v.Start, end = v.End;
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

        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        var n = es.Length;
        int lenIntron = 0, lenExon = 0, rcdsStart = 0, rcdsEnd = 0;
        if (t.Forward)
        {
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
                    }

                    return;
                }
            }

            return;
        }

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
                }

                return;
            }
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

    private void AppendSplicing(string gene, string anno) => Append(_splicingAnno, gene, anno);

    private static void Append(GeneMap map, string gene, string anno) =>
        map[gene] = map.TryGetValue(gene, out var existing) ? existing + "," + anno : anno;

    private GeneCall Genic(AnnovarVariant v)
    {
        if (_splicing.Count == 0 && _ncRna.Count == 0)
        {
            if (_exonic.Count > 0)
            {
                return new GeneCall("exonic", Joined(_scratch, _exonic), ".");
            }

            if (_utr5.Count == 0 && _utr3.Count == 0)
            {
                return new GeneCall("intronic", Joined(_scratch, _intronic), ".");
            }
        }

        var shortVariant = v.End - v.Start + 1 <= SplicingThreshold;
        if (_exonic.Count > 0)
        {
            _scratch.Clear();
            _scratch2.Clear();
            foreach (var gene in _exonic)
            {
                (_ncRna.Contains(gene) ? _scratch2 : _scratch).Add(gene);
            }

            var coding = Joined(_scratch);
            var nonCoding = Joined(_scratch2);
            if (_scratch.Count > 0 && _splicing.Count > 0 && shortVariant)
            {
                return Split("exonic;splicing", coding + ";" + string.Join(',', SplicingKeys(true)));
            }

            if (_scratch.Count > 0)
            {
                return new GeneCall("exonic", coding, ".");
            }

            if (_splicing.Count > 0 && shortVariant)
            {
                return Split("ncRNA_exonic;splicing", nonCoding + ";" + string.Join(',', SplicingKeys(true)));
            }

            return new GeneCall("ncRNA_exonic", nonCoding, ".");
        }

        if (_splicing.Count > 0)
        {
            var keys = SplicingKeys(shortVariant);
            _scratch.Clear();
            foreach (var key in keys)
            {
                if (!_ncRna.ContainsName(GeneOf(key)))
                {
                    _scratch.Add(key);
                }
            }

            return _scratch.Count > 0
                ? Split("splicing", string.Join(',', _scratch))
                : Split("ncRNA_splicing", string.Join(',', keys));
        }

        if (_ncRna.Count > 0)
        {
            var utr5 = _utr5.AnyKeyIn(_ncRna);
            var utr3 = _utr3.AnyKeyIn(_ncRna);
            if (utr5 || utr3)
            {
                var utr5Genes = Joined(_scratch, _utr5.KeyList());
                var utr3Genes = Joined(_scratch2, _utr3.KeyList());
                return utr5 && utr3
                    ? new GeneCall("ncRNA_UTR5;ncRNA_UTR3", utr5Genes + ";" + utr3Genes, ".")
                    : utr5 ? new GeneCall("ncRNA_UTR5", utr5Genes, ".") : new GeneCall("ncRNA_UTR3", utr3Genes, ".");
            }

            _scratch.Clear();
            foreach (var gene in _intronic)
            {
                if (_ncRna.Contains(gene))
                {
                    _scratch.Add(gene);
                }
            }

            return new GeneCall("ncRNA_intronic", Joined(_scratch), ".");
        }

        if (_utr5.Count > 0 || _utr3.Count > 0)
        {
            var utr5 = Joined(_scratch, _utr5.Labels());
            var utr3 = Joined(_scratch2, _utr3.Labels());
            if (_utr5.Count > 0 && _utr3.Count > 0)
            {
                return Split("UTR5;UTR3", utr5 + ";" + utr3);
            }

            return _utr5.Count > 0 ? Split("UTR5", utr5) : Split("UTR3", utr3);
        }

        return new GeneCall("intronic", Joined(_scratch, _intronic), ".");
    }

    private static string Joined(List<string> into, GeneSet genes)
    {
        into.Clear();
        foreach (var gene in genes)
        {
            into.Add(gene);
        }

        return Joined(into);
    }

    private static string Joined(List<string> into, List<string> items)
    {
        into.Clear();
        into.AddRange(items);
        return Joined(into);
    }

    // Perl's sort: plain code-point order
    private static string Joined(List<string> genes)
    {
        if (genes.Count == 1)
        {
            return genes[0];
        }

        // insertion sort: the lists hold a few genes, and List.Sort would build a comparison delegate per call
        for (var i = 1; i < genes.Count; i++)
        {
            var gene = genes[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(genes[j], gene) > 0)
            {
                genes[j + 1] = genes[j];
                j--;
            }

            genes[j + 1] = gene;
        }

        return genes.Count == 2 ? string.Concat(genes[0], ",", genes[1]) : string.Join(',', genes);
    }

    private List<string> SplicingKeys(bool withDetail)
    {
        var keys = new List<string>(_splicing.Count);
        foreach (var gene in _splicing)
        {
            keys.Add(withDetail && _splicingAnno.TryGetValue(gene, out var anno) ? $"{gene}({anno})" : gene);
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static string GeneOf(string key)
    {
        var paren = key.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? key : key[..paren];
    }

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

    /// <summary>table_annovar's split: text in parentheses goes to GeneDetail (joined by ';'), the rest stays the gene list.</summary>
    internal static GeneCall Split(string func, string genes)
    {
        if (!genes.Contains('(', StringComparison.Ordinal))
        {
            return new GeneCall(func, genes, ".");
        }

        var gene = new StringBuilder(genes.Length);
        var detail = new StringBuilder(genes.Length);
        var i = 0;
        while (i < genes.Length)
        {
            var open = genes.IndexOf('(', i);
            var close = open < 0 ? -1 : genes.IndexOf(')', open + 1);
            if (open < 0 || close < 0)
            {
                gene.Append(genes, i, genes.Length - i);
                break;
            }

            gene.Append(genes, i, open - i);
            if (detail.Length > 0)
            {
                detail.Append(';');
            }

            detail.Append(genes, open + 1, close - open - 1);
            i = close + 1;
        }

        return new GeneCall(func, gene.ToString(), detail.Length > 0 ? detail.ToString() : ".");
    }

    /// <summary>A handful of interned gene names compared by reference: cheaper than hashing for the one to five genes a variant hits.</summary>
    private sealed class GeneSet : IEnumerable<string>
    {
        private readonly List<string> _genes = [];

        public int Count => _genes.Count;

        public void Add(string gene)
        {
            if (!Contains(gene))
            {
                _genes.Add(gene);
            }
        }

        public bool Contains(string gene)
        {
            foreach (var g in _genes)
            {
                if (ReferenceEquals(g, gene))
                {
                    return true;
                }
            }

            return false;
        }

        public bool ContainsName(string gene) => _genes.Contains(gene, StringComparer.Ordinal);

        public void Clear() => _genes.Clear();

        public List<string>.Enumerator GetEnumerator() => _genes.GetEnumerator();

        IEnumerator<string> IEnumerable<string>.GetEnumerator() => _genes.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _genes.GetEnumerator();
    }

    /// <summary>Gene to accumulated detail text, by reference like <see cref="GeneSet"/>.</summary>
    private sealed class GeneMap : IEnumerable<KeyValuePair<string, string>>
    {
        private readonly List<KeyValuePair<string, string>> _items = [];

        public int Count => _items.Count;

        public List<string> KeyList()
        {
            var keys = new List<string>(_items.Count);
            foreach (var p in _items)
            {
                keys.Add(p.Key);
            }

            return keys;
        }

        public List<string> Labels()
        {
            var labels = new List<string>(_items.Count);
            foreach (var p in _items)
            {
                labels.Add($"{p.Key}({p.Value})");
            }

            return labels;
        }

        public bool AnyKeyIn(GeneSet genes)
        {
            foreach (var p in _items)
            {
                if (genes.Contains(p.Key))
                {
                    return true;
                }
            }

            return false;
        }

        public string this[string gene]
        {
            set
            {
                for (var i = 0; i < _items.Count; i++)
                {
                    if (ReferenceEquals(_items[i].Key, gene))
                    {
                        _items[i] = new(gene, value);
                        return;
                    }
                }

                _items.Add(new(gene, value));
            }
        }

        public bool TryGetValue(string gene, out string value)
        {
            foreach (var p in _items)
            {
                if (ReferenceEquals(p.Key, gene))
                {
                    value = p.Value;
                    return true;
                }
            }

            value = "";
            return false;
        }

        public void Clear() => _items.Clear();

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
    }
}
