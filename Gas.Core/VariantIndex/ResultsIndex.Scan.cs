using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>The block scans behind the pages and the downloads.</summary>
public sealed partial class ResultsIndex
{
    /// <summary>Rows fetched at a time in QUAL order: every block a chunk touches is read once for it.</summary>
    private const int FetchChunk = 1 << 16;

    /// <summary>Calls <paramref name="match"/> for every matching allele in file order, skipping the blocks that cannot hold one.</summary>
    private void Scan(RowMatcher matcher, bool records, bool quals, Action<Block, int> match)
    {
        using var connection = Open();
        using var source = new BlockSource(connection);
        foreach (var info in _blocks.Value)
        {
            if (!matcher.MayMatch(info))
            {
                continue;
            }

            var block = source.Load(info, pos: matcher.NeedsPos, records: records, quals: quals, text: matcher.NeedsText);
            for (var row = 0; row < info.Rows; row++)
            {
                if (matcher.Matches(block, row))
                {
                    match(block, row);
                }
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
        Scan(selection.Matcher, records: false, quals: false, (block, _) => counts[block.Info.Id]++);
        selection.BlockCounts = counts;
        return counts;
    }

    /// <summary>A page in file order (or its reverse): blocks before it are skipped on their counts, its own blocks read whole.</summary>
    private List<AlleleRow> PageInFileOrder(VariantFilter filter, bool descending, long skip, int take)
    {
        var counts = BlockCounts(filter);
        var blocks = _blocks.Value;
        var rows = new List<AlleleRow>(take);
        using var connection = Open();
        var matcher = Select(filter).Matcher;
        using var source = new BlockSource(connection);
        for (var n = 0; n < blocks.Length && rows.Count < take; n++)
        {
            var info = blocks[descending ? blocks.Length - 1 - n : n];
            if (counts[info.Id] <= skip)
            {
                skip -= counts[info.Id];
                continue;
            }

            var block = source.LoadAll(info);
            for (var i = 0; i < info.Rows && rows.Count < take; i++)
            {
                var row = descending ? info.Rows - 1 - i : i;
                if (matcher.Matches(block, row) && skip-- <= 0)
                {
                    rows.Add(block.Row(row, _facets.Value, _labels.Value));
                }
            }
        }

        return rows;
    }

    /// <summary>Every matching allele in file order (or its reverse), one block at a time.</summary>
    private IEnumerable<AlleleRow> InFileOrder(VariantFilter filter, bool descending)
    {
        var blocks = _blocks.Value;
        using var connection = Open();
        var matcher = Select(filter).Matcher;
        using var source = new BlockSource(connection);
        for (var n = 0; n < blocks.Length; n++)
        {
            var info = blocks[descending ? blocks.Length - 1 - n : n];
            if (!matcher.MayMatch(info))
            {
                continue;
            }

            var block = source.LoadAll(info);
            for (var i = 0; i < info.Rows; i++)
            {
                var row = descending ? info.Rows - 1 - i : i;
                if (matcher.Matches(block, row))
                {
                    yield return block.Row(row, _facets.Value, _labels.Value);
                }
            }
        }
    }

    /// <summary>
    /// The matching alleles' numbers, highest QUAL first, those without QUAL last, ties in file order: the first
    /// <paramref name="count"/> of them (all when null), kept in a heap while scanning when that is a small part.
    /// </summary>
    private long[] QualOrder(VariantFilter filter, long? count = null)
    {
        var selection = Select(filter);
        var total = selection.Summary.Alleles;
        if (count is { } k && k * 8 < total)
        {
            // a max-heap of the best k so far (its top is the worst of them)
            var heap = new PriorityQueue<long, QualKey>((int)k + 1, Comparer<QualKey>.Create((a, b) => b.CompareTo(a)));
            Scan(selection.Matcher, records: false, quals: true, (block, row) =>
            {
                var key = new QualKey(block.Quals![row], block.Info.FirstRow + row);
                if (heap.Count < k)
                {
                    heap.Enqueue(key.Row, key);
                }
                else if (heap.TryPeek(out _, out var worst) && key.CompareTo(worst) < 0)
                {
                    heap.EnqueueDequeue(key.Row, key);
                }
            });
            var best = heap.UnorderedItems.Select(i => i.Priority).ToArray();
            Array.Sort(best);
            return [.. best.Select(b => b.Row)];
        }

        var keys = new List<QualKey>((int)Math.Min(total, int.MaxValue));
        Scan(selection.Matcher, records: false, quals: true, (block, row) => keys.Add(new QualKey(block.Quals![row], block.Info.FirstRow + row)));
        var sorted = keys.ToArray();
        Array.Sort(sorted);
        return [.. sorted.Select(k => k.Row)];
    }

    /// <summary>The given alleles (by number), in the given order: a chunk at a time, each block it touches read once.</summary>
    private IEnumerable<AlleleRow> Fetch(IEnumerable<long> order)
    {
        RequireVariants();
        var blocks = _blocks.Value;
        using var connection = Open();
        using var source = new BlockSource(connection);
        foreach (var chunk in order.Chunk(FetchChunk))
        {
            var rows = new Dictionary<long, AlleleRow>(chunk.Length);
            foreach (var group in chunk.GroupBy(r => r / BlockRows).OrderBy(g => g.Key))
            {
                var info = blocks[(int)group.Key];
                var block = source.LoadAll(info);
                foreach (var row in group)
                {
                    rows[row] = block.Row((int)(row - info.FirstRow), _facets.Value, _labels.Value);
                }
            }

            foreach (var row in chunk)
            {
                yield return rows[row];
            }
        }
    }

    /// <summary>QUAL descending, none last, then file order.</summary>
    private readonly record struct QualKey(double Qual, long Row) : IComparable<QualKey>
    {
        public int CompareTo(QualKey other)
        {
            var none = double.IsNaN(Qual);
            if (none != double.IsNaN(other.Qual))
            {
                return none ? 1 : -1;
            }

            var byQual = none ? 0 : other.Qual.CompareTo(Qual);
            return byQual != 0 ? byQual : Row.CompareTo(other.Row);
        }
    }
}
