using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>The block scans behind the pages and the downloads.</summary>
public sealed partial class ResultsIndex
{
    /// <summary>Rows fetched at a time in QUAL order: every block a chunk touches is read once for it.</summary>
    private const int FetchChunk = 1 << 16;

    /// <summary>A block's matching rows (ascending); the reader holds the block's columns until the next block.</summary>
    private delegate void BlockMatches(BlockReader reader, BlockInfo block, ReadOnlySpan<int> rows);

    /// <summary>Calls <paramref name="visit"/> for every block with a match, in file order, skipping the blocks that cannot hold one.</summary>
    private void Scan(RowMatcher matcher, BlockMatches visit)
    {
        using var connection = Open();
        using var reader = new BlockReader(connection);
        var rows = new int[BlockRows];
        foreach (var info in _blocks.Value)
        {
            var n = matcher.Match(reader, info, rows);
            if (n > 0)
            {
                visit(reader, info, rows.AsSpan(0, n));
            }
        }
    }

    /// <summary>How many alleles of each block the filter matches (memoised with its summary).</summary>
    private int[] BlockCounts(VariantFilter filter)
    {
        var selection = Select(filter);
        if (selection.BlockCounts is { } known)
        {
            return known;
        }

        var counts = new int[_blocks.Value.Length];
        Scan(selection.Matcher, (_, block, rows) => counts[block.Id] = rows.Length);
        selection.BlockCounts = counts;
        return counts;
    }

    /// <summary>A page in file order (or its reverse): blocks before it are skipped on their counts, only its own blocks read.</summary>
    private List<AlleleRow> PageInFileOrder(VariantFilter filter, bool descending, long skip, int take)
    {
        var counts = BlockCounts(filter);
        var blocks = _blocks.Value;
        var matcher = Select(filter).Matcher;
        var result = new List<AlleleRow>(take);
        using var connection = Open();
        using var reader = new BlockReader(connection);
        var rows = new int[BlockRows];
        for (var n = 0; n < blocks.Length && result.Count < take; n++)
        {
            var info = blocks[descending ? blocks.Length - 1 - n : n];
            if (counts[info.Id] <= skip)
            {
                skip -= counts[info.Id];
                continue;
            }

            var matches = matcher.Match(reader, info, rows);
            for (var i = (int)skip; i < matches && result.Count < take; i++)
            {
                result.Add(reader.Row(info, rows[descending ? matches - 1 - i : i], _facets.Value, _labels.Value));
            }

            skip = 0;
        }

        return result;
    }

    /// <summary>Every matching allele in file order (or its reverse), one block at a time.</summary>
    private IEnumerable<AlleleRow> InFileOrder(VariantFilter filter, bool descending)
    {
        var blocks = _blocks.Value;
        var matcher = Select(filter).Matcher;
        using var connection = Open();
        using var reader = new BlockReader(connection);
        var rows = new int[BlockRows];
        for (var n = 0; n < blocks.Length; n++)
        {
            var info = blocks[descending ? blocks.Length - 1 - n : n];
            var matches = matcher.Match(reader, info, rows);
            for (var i = 0; i < matches; i++)
            {
                yield return reader.Row(info, rows[descending ? matches - 1 - i : i], _facets.Value, _labels.Value);
            }
        }
    }

    /// <summary>The block holding the allele (by number): blocks vary in size, each knows its first.</summary>
    private static BlockInfo BlockOf(BlockInfo[] blocks, long number)
    {
        int low = 0, high = blocks.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (blocks[mid].FirstRow <= number)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return blocks[low];
    }

    /// <summary>The given alleles (by number), in the given order: a chunk at a time, each block it touches read once.</summary>
    private IEnumerable<AlleleRow> Fetch(IEnumerable<long> order)
    {
        RequireVariants();
        var blocks = _blocks.Value;
        using var connection = Open();
        using var reader = new BlockReader(connection);
        foreach (var chunk in order.Chunk(FetchChunk))
        {
            var byNumber = (long[])chunk.Clone();
            Array.Sort(byNumber);
            var rows = new Dictionary<long, AlleleRow>(chunk.Length);
            foreach (var number in byNumber)
            {
                var info = BlockOf(blocks, number);
                rows[number] = reader.Row(info, (int)(number - info.FirstRow), _facets.Value, _labels.Value);
            }

            foreach (var number in chunk)
            {
                yield return rows[number];
            }
        }
    }
}
