using System.Collections.Concurrent;

namespace Gas.Core.VariantIndex;

public sealed partial class IndexRows
{
    // emptied batches, shared by every job of the process: a batch's arrays grow to the engine's batch size once, not per job
    // (fresh memory is page-faulted in, which costs more than filling it); the bag holds what the busiest moment needed
    private static readonly ConcurrentBag<IndexRows> _emptied = [];

    /// <summary>An empty batch, one emptied before if there is one; any thread may call it.</summary>
    public static IndexRows Rent() => _emptied.TryTake(out var rows) ? rows : new IndexRows();

    /// <summary>Empties a batch that is done with for the next <see cref="Rent"/>.</summary>
    public static void Return(IndexRows rows)
    {
        rows.Clear();
        _emptied.Add(rows);
    }
}
