using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A filter as the block scan applies it: a mask of the facets its category conditions select, then, per allele, a region's
/// positions and an ID- or HGVS-shaped text in ID, GeneDetail and AAChange. Tells which blocks cannot hold a match (none of
/// their chromosomes or positions fit) and lists a block's matches, reading only the columns the filter needs. Holds no
/// state of a scan, so one matcher serves concurrent requests.
/// </summary>
internal sealed class RowMatcher
{
    private readonly byte[] _facets;
    private readonly byte[]? _textFacets;
    private readonly bool[] _chroms;
    private readonly bool _everyFacet;
    private readonly GenomicRegion? _region;
    private readonly RowTextSearch? _text;

    /// <param name="facetsById">Every facet by id.</param>
    /// <param name="selected">Per facet id, 1 when the category conditions select it.</param>
    /// <param name="textFacets">With a row text: per facet id, 1 when its labels match the text already.</param>
    /// <param name="region">The positions the alleles must fall in, or null.</param>
    /// <param name="text">The text the alleles' ID, GeneDetail or AAChange must hold when their labels do not, or null.</param>
    /// <param name="everyFacet">Every facet of the index is selected (the facet column need not be looked at).</param>
    public RowMatcher(Facet[] facetsById, byte[] selected, byte[]? textFacets, GenomicRegion? region, RowTextSearch? text, bool everyFacet)
    {
        _facets = selected;
        _textFacets = textFacets;
        _region = region;
        _text = text;
        _chroms = new bool[facetsById.Length == 0 ? 1 : facetsById.Max(f => f.Chrom) + 1];
        var count = 0;
        for (var id = 0; id < selected.Length; id++)
        {
            if (selected[id] != 0)
            {
                _chroms[facetsById[id].Chrom] = true;
                count++;
            }
        }

        Selected = count;
        _everyFacet = everyFacet;
    }

    /// <summary>How many facets the category conditions select.</summary>
    public int Selected { get; }

    /// <summary>Whether the category conditions select the facet.</summary>
    public bool Selects(int facet) => _facets[facet] != 0;

    /// <summary>False when no allele of the block can match: none of its chromosomes is selected, or none of their spans meets the region.</summary>
    public bool MayMatch(BlockInfo block)
    {
        foreach (var (chrom, min, max) in block.Chroms)
        {
            if (chrom < _chroms.Length && _chroms[chrom] && (_region is null || (max >= _region.Start && min <= _region.End)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the block's matching rows, ascending, to <paramref name="rows"/> (room for a block) and says how many.</summary>
    public int Match(BlockReader reader, BlockInfo block, Span<int> rows)
    {
        if (!MayMatch(block))
        {
            return 0;
        }

        var facets = reader.Facets(block);
        var selected = _facets;
        var n = 0;
        if (_everyFacet)
        {
            for (; n < facets.Length; n++)
            {
                rows[n] = n;
            }
        }
        else
        {
            rows = rows[..facets.Length];
            for (var i = 0; i < facets.Length; i++)
            {
                rows[n] = i;
                n += selected[facets[i]];
            }
        }

        if (_region is { } region && n > 0)
        {
            var pos = reader.Pos(block);
            var kept = 0;
            for (var k = 0; k < n; k++)
            {
                var row = rows[k];
                rows[kept] = row;
                kept += pos[row] >= region.Start && pos[row] <= region.End ? 1 : 0;
            }

            n = kept;
        }

        return _text is null || n == 0 ? n : MatchText(reader, block, facets, rows, n);
    }

    /// <summary>Keeps the rows whose labels match the text, or whose ID, GeneDetail or AAChange holds it (their text read only if needed).</summary>
    private int MatchText(BlockReader reader, BlockInfo block, ReadOnlySpan<int> facets, Span<int> rows, int n)
    {
        var byLabels = _textFacets!;
        var needText = false;
        for (var k = 0; k < n && !needText; k++)
        {
            needText = byLabels[facets[rows[k]]] == 0;
        }

        if (!needText)
        {
            return n;
        }

        Span<byte> hits = stackalloc byte[BlockRows];
        hits = hits[..block.Rows];
        hits.Clear();
        _text!.MarkRows(reader.Text(block), hits);
        var kept = 0;
        for (var k = 0; k < n; k++)
        {
            var row = rows[k];
            rows[kept] = row;
            kept += byLabels[facets[row]] | hits[row];
        }

        return kept;
    }
}
