using Gas.Core.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Gas.Core.VariantIndex;

/// <summary>A results index in use by a request; the cache will not delete its file until every lease is disposed.</summary>
public sealed class IndexLease : IDisposable
{
    private readonly ResultsIndexCache.Entry _entry;
    private int _disposed;

    internal IndexLease(ResultsIndexCache.Entry entry)
    {
        _entry = entry;
        Interlocked.Increment(ref entry.Readers);
    }

    public ResultsIndex Index => _entry.Index;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && Interlocked.Decrement(ref _entry.Readers) == 0 && _entry.Evicted)
        {
            ResultsIndexCache.Delete(_entry);
        }
    }
}

/// <summary>
/// Local copies of results indexes, bounded in total size and evicted least recently used first. Each copy gets a file name
/// of its own, so a replaced or evicted copy never meets a reader of the new one; a copy in use is deleted when its last
/// lease ends. One fill per key at a time.
/// </summary>
public sealed class ResultsIndexCache : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SemaphoreSlim> _fills = new(StringComparer.Ordinal);
    private readonly long _maxBytes;
    private long _bytes;
    private long _clock;

    public ResultsIndexCache(IOptions<ResultsIndexOptions> options)
    {
        _maxBytes = options.Value.CacheMaxBytes;
        Directory = Path.Combine(
            options.Value.CacheDirectory is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "gas-results-index"),
            Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>This instance's folder (removed on dispose).</summary>
    public string Directory { get; }

    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>A lease on the cached copy if there is one that <paramref name="acceptable"/> accepts.</summary>
    public IndexLease? TryGet(string key, Func<ResultsIndex, bool> acceptable)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && acceptable(entry.Index))
            {
                entry.LastUsed = ++_clock;
                return new IndexLease(entry);
            }

            return null;
        }
    }

    /// <summary>
    /// The cached copy if acceptable, else runs <paramref name="fill"/> (which writes the file at the path it is given and says
    /// whether it did) under the key's lock and caches the result. Null when <paramref name="fill"/> could not make one.
    /// </summary>
    public async Task<IndexLease?> GetOrFillAsync(string key, Func<ResultsIndex, bool> acceptable, Func<string, CancellationToken, Task<bool>> fill, CancellationToken ct)
    {
        if (TryGet(key, acceptable) is { } cached)
        {
            return cached;
        }

        SemaphoreSlim gate;
        lock (_gate)
        {
            if (!_fills.TryGetValue(key, out gate!))
            {
                _fills[key] = gate = new SemaphoreSlim(1, 1);
            }
        }

        await gate.WaitAsync(ct);
        try
        {
            if (TryGet(key, acceptable) is { } filled)
            {
                return filled;
            }

            var path = Path.Combine(Directory, Guid.NewGuid().ToString("N") + ".sqlite");
            if (!await fill(path, ct))
            {
                File.Delete(path);
                return null;
            }

            return Add(key, new Entry(path, new ResultsIndex(path), new FileInfo(path).Length));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets a key's copy (deleted once unused), e.g. after its index was replaced in the store.</summary>
    public void Invalidate(string key)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var entry))
            {
                Evict(entry);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Evicted = true;
                SqliteConnection.ClearPool(new SqliteConnection(ResultsIndex.ConnectionString(entry.Path)));
            }

            _entries.Clear();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    internal static void Delete(Entry entry)
    {
        SqliteConnection.ClearPool(new SqliteConnection(ResultsIndex.ConnectionString(entry.Path)));
        File.Delete(entry.Path);
    }

    private IndexLease Add(string key, Entry entry)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                Evict(old);
            }

            entry.LastUsed = ++_clock;
            _entries[key] = entry;
            _bytes += entry.Size;
            var lease = new IndexLease(entry);
            foreach (var victim in _entries.Where(e => e.Value != entry).OrderBy(e => e.Value.LastUsed).ToList())
            {
                if (_bytes <= _maxBytes)
                {
                    break;
                }

                _entries.Remove(victim.Key);
                Evict(victim.Value);
            }

            return lease;
        }
    }

    private void Evict(Entry entry)
    {
        _bytes -= entry.Size;
        entry.Evicted = true;
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref entry.Readers) == 0)
        {
            Delete(entry);
        }
    }

    internal sealed class Entry(string path, ResultsIndex index, long size)
    {
        public string Path { get; } = path;
        public ResultsIndex Index { get; } = index;
        public long Size { get; } = size;
        public long LastUsed { get; set; }
        public int Readers;
        public volatile bool Evicted;
    }
}
