using System.Collections.Concurrent;

namespace Gas.RazorPages.Infrastructure;

/// <summary>
/// A bounded, thread-safe memory of values by text key, each kept for a fixed lifetime from when it was stored. Past
/// <c>maxEntries</c>, expired entries are dropped, and all of them if that is not enough: a flood of distinct keys costs
/// re-reads, never unbounded memory. A zero lifetime remembers nothing.
/// </summary>
public sealed class ExpiringMemory<TValue>(TimeProvider time, TimeSpan lifetime, int maxEntries) where TValue : class
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (time.GetUtcNow() < entry.Until)
            {
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
        }

        value = null!;
        return false;
    }

    public void Set(string key, TValue value)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (_entries.Count >= maxEntries)
        {
            foreach (var (known, entry) in _entries)
            {
                if (entry.Until <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(known, entry));
                }
            }

            if (_entries.Count >= maxEntries)
            {
                _entries.Clear();
            }
        }

        _entries[key] = new Entry(value, now + lifetime);
    }

    public void Remove(string key) => _entries.TryRemove(key, out _);

    private sealed record Entry(TValue Value, DateTimeOffset Until);
}
