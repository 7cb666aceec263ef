using System.Text;

namespace Gas.Annotator.Engine;

/// <summary>
/// The output block of annotate_variation.pl's <c>newprocessNextQueryBatchByGene</c>: which class wins (exonic = splicing &gt;
/// ncRNA &gt; UTR5/UTR3 &gt; intronic), how coding and non-coding genes are told apart, and table_annovar's split of the
/// result into Func, Gene and GeneDetail.
/// </summary>
public sealed partial class GeneAnnotator
{
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
}
