using System.Text;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A filter as the block scan applies it: the facets its category conditions select (from <c>facets</c>, by SQL), then, per
/// allele, a region's positions and an ID- or HGVS-shaped text in ID, GeneDetail and AAChange (ASCII letters without regard
/// to case, as SQL's LIKE). Tells which blocks cannot hold a match (none of their chromosomes or positions fit).
/// </summary>
internal sealed class RowMatcher
{
    private readonly bool[] _facets;
    private readonly bool[]? _textFacets;
    private readonly bool[] _chroms;
    private readonly GenomicRegion? _region;
    private readonly byte[]? _text;

    /// <param name="facets">Every facet by id.</param>
    /// <param name="selected">The ids of the facets the category conditions select.</param>
    /// <param name="textFacets">With a row text: the ids of the facets whose labels match it.</param>
    public RowMatcher(Facet[] facets, IEnumerable<int> selected, VariantQuery query, IEnumerable<int>? textFacets)
    {
        Selected = [.. selected];
        _facets = new bool[facets.Length];
        _chroms = new bool[facets.Length == 0 ? 1 : facets.Max(f => f.Chrom) + 1];
        foreach (var id in Selected)
        {
            _facets[id] = true;
            _chroms[facets[id].Chrom] = true;
        }

        if (query.RowText is { } text)
        {
            _text = Encoding.UTF8.GetBytes(text);
            _textFacets = new bool[facets.Length];
            foreach (var id in textFacets ?? [])
            {
                _textFacets[id] = true;
            }
        }

        _region = query.Region;
    }

    /// <summary>The facets the category conditions select.</summary>
    public IReadOnlyList<int> Selected { get; }

    public bool NeedsPos => _region is not null;

    public bool NeedsText => _text is not null;

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

    /// <summary>The block was loaded with the columns <see cref="NeedsPos"/> and <see cref="NeedsText"/> ask for.</summary>
    public bool Matches(Block block, int row)
    {
        var facet = block.Facets[row];
        if (!_facets[facet])
        {
            return false;
        }

        if (_region is not null && (block.Pos![row] < _region.Start || block.Pos[row] > _region.End))
        {
            return false;
        }

        return _text is null || _textFacets![facet]
            || Contains(block.Text(row, BlockColumns.Id), _text)
            || Contains(block.Text(row, BlockColumns.GeneDetail), _text)
            || Contains(block.Text(row, BlockColumns.AAChange), _text);
    }

    private static bool Contains(ReadOnlySpan<byte> value, ReadOnlySpan<byte> term)
    {
        var first = term[0];
        var other = char.IsAsciiLetter((char)first) ? (byte)(first ^ 0x20) : first;
        for (var i = 0; i + term.Length <= value.Length;)
        {
            var next = value[i..(value.Length - term.Length + 1)].IndexOfAny(first, other);
            if (next < 0)
            {
                return false;
            }

            i += next;
            if (Same(value.Slice(i, term.Length), term))
            {
                return true;
            }

            i++;
        }

        return false;
    }

    private static bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!SameLetter(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SameLetter(byte a, byte b) => a == b || (char.IsAsciiLetter((char)a) && (a | 0x20) == (b | 0x20));
}
