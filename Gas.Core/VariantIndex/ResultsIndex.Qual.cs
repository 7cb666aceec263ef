namespace Gas.Core.VariantIndex;

/// <summary>
/// The QUAL order: highest first, alleles without QUAL last, ties in file order. A page near the top (within the first 1/64
/// of the matches) keeps only the best alleles seen so far while scanning (most alleles are dismissed by one comparison with
/// the worst of them); a page further down selects its stretch of ranks without sorting the rest; only a download sorts
/// every match.
/// </summary>
public sealed partial class ResultsIndex
{
    /// <summary>The allele numbers of one page in QUAL order.</summary>
    private long[] QualPage(VariantFilter filter, long skip, int take)
    {
        var selection = Select(filter);
        var total = selection.Summary.Alleles;
        if (skip >= total || take <= 0)
        {
            return [];
        }

        var wanted = (int)Math.Min(total - skip, take);
        var top = skip + wanted;
        if (top * 64 <= total)
        {
            var best = Best(selection.Matcher, (int)top);
            return [.. best[(int)skip..].Select(r => r.Row)];
        }

        var ranks = Ranks(selection.Matcher, total);
        QualRank.SelectRange(ranks, (int)skip, (int)top);
        return [.. ranks[(int)skip..(int)top].Select(r => r.Row)];
    }

    /// <summary>Every matching allele's number in QUAL order (for downloads).</summary>
    private long[] QualOrder(VariantFilter filter)
    {
        var selection = Select(filter);
        var ranks = Ranks(selection.Matcher, selection.Summary.Alleles);
        ranks.AsSpan().Sort(default(QualRank.Order));
        return [.. ranks.Select(r => r.Row)];
    }

    /// <summary>The <paramref name="k"/> best ranks, best first: a heap whose top is the worst kept.</summary>
    private QualRank[] Best(RowMatcher matcher, int k)
    {
        var heap = new PriorityQueue<QualRank, QualRank>(k + 1, QualRank.Worse.Instance);
        var worst = ulong.MaxValue;
        Scan(matcher, (reader, block, rows) =>
        {
            var quals = reader.Quals(block);
            foreach (var row in rows)
            {
                var key = QualRank.KeyOf(quals[row]);
                if (heap.Count == k && key >= worst)
                {
                    continue; // rows come in file order, so an equal QUAL ranks after every kept one
                }

                var rank = new QualRank(key, block.FirstRow + row);
                if (heap.Count < k)
                {
                    heap.Enqueue(rank, rank);
                }
                else
                {
                    heap.EnqueueDequeue(rank, rank);
                }

                if (heap.Count == k)
                {
                    worst = heap.Peek().Key;
                }
            }
        });
        var best = heap.UnorderedItems.Select(i => i.Element).ToArray();
        best.AsSpan().Sort(default(QualRank.Order));
        return best;
    }

    /// <summary>Every matching allele's rank, in file order.</summary>
    private QualRank[] Ranks(RowMatcher matcher, long total)
    {
        var ranks = new QualRank[total];
        var n = 0;
        Scan(matcher, (reader, block, rows) =>
        {
            var quals = reader.Quals(block);
            foreach (var row in rows)
            {
                ranks[n++] = new QualRank(QualRank.KeyOf(quals[row]), block.FirstRow + row);
            }
        });
        return n == ranks.Length ? ranks : throw new InvalidDataException($"The results index's blocks hold {n} matches where its facets count {total}.");
    }
}

/// <summary>An allele's place in the QUAL order: a key that sorts highest QUAL first and none last, then its number.</summary>
internal readonly record struct QualRank(ulong Key, long Row)
{
    /// <summary>QUAL as an unsigned key, ascending = highest first; NaN (none) last; -0 ties with 0.</summary>
    public static ulong KeyOf(double qual)
    {
        if (double.IsNaN(qual))
        {
            return ulong.MaxValue;
        }

        var bits = (ulong)BitConverter.DoubleToInt64Bits(qual == 0 ? 0.0 : qual);
        var ascending = (bits & 0x8000_0000_0000_0000) != 0 ? ~bits : bits | 0x8000_0000_0000_0000;
        return ~ascending;
    }

    public static bool Before(QualRank a, QualRank b) => a.Key < b.Key || (a.Key == b.Key && a.Row < b.Row);

    /// <summary>Moves the ranks <paramref name="from"/> to <paramref name="to"/> (exclusive) into place, in order; the rest stay unsorted.</summary>
    public static void SelectRange(Span<QualRank> ranks, int from, int to)
    {
        Nth(ranks, from);
        var rest = ranks[from..];
        if (to - from < rest.Length)
        {
            Nth(rest, to - from - 1);
        }

        rest[..(to - from)].Sort(default(Order));
    }

    /// <summary>
    /// Quickselect: afterwards <paramref name="n"/> holds the n-th rank, none after it ranks before it and none before it after.
    /// Falls back to sorting the part left when the partitions go badly (as introselect does).
    /// </summary>
    private static void Nth(Span<QualRank> s, int n)
    {
        int lo = 0, hi = s.Length - 1;
        var budget = 2 * (int)Math.Log2(Math.Max(2, s.Length)) + 8;
        while (hi > lo)
        {
            if (budget-- == 0)
            {
                s[lo..(hi + 1)].Sort(default(Order));
                return;
            }

            var pivot = Median(s[lo], s[lo + ((hi - lo) >> 1)], s[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (Before(s[i], pivot))
                {
                    i++;
                }

                while (Before(pivot, s[j]))
                {
                    j--;
                }

                if (i <= j)
                {
                    (s[i], s[j]) = (s[j], s[i]);
                    i++;
                    j--;
                }
            }

            if (n <= j)
            {
                hi = j;
            }
            else if (n >= i)
            {
                lo = i;
            }
            else
            {
                return;
            }
        }
    }

    private static QualRank Median(QualRank a, QualRank b, QualRank c) =>
        Before(a, b) ? (Before(b, c) ? b : Before(a, c) ? c : a) : (Before(a, c) ? a : Before(b, c) ? c : b);

    /// <summary>Best first.</summary>
    public readonly struct Order : IComparer<QualRank>
    {
        public int Compare(QualRank x, QualRank y) => Before(x, y) ? -1 : Before(y, x) ? 1 : 0;
    }

    /// <summary>Worst first (the heap's top is the worst kept).</summary>
    public sealed class Worse : IComparer<QualRank>
    {
        public static readonly Worse Instance = new();

        public int Compare(QualRank x, QualRank y) => Before(y, x) ? -1 : Before(x, y) ? 1 : 0;
    }
}
