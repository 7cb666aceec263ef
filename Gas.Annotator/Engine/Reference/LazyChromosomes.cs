using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// Chromosome indexes by name, each built on first use (once, whichever thread asks first) and kept; enumerating the
/// values builds them in order, as far as the caller goes.
/// </summary>
internal sealed class LazyChromosomes : IReadOnlyDictionary<string, ChromosomeIndex>
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _positions;
    private readonly Lazy<ChromosomeIndex>[] _indexes;

    public LazyChromosomes(string[] names, Func<int, ChromosomeIndex> build)
    {
        _names = names;
        _positions = new Dictionary<string, int>(names.Length, StringComparer.Ordinal);
        _indexes = new Lazy<ChromosomeIndex>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!_positions.TryAdd(names[i], i))
            {
                throw new InvalidDataException($"Chromosome {names[i]} is listed twice.");
            }

            var position = i;
            _indexes[i] = new Lazy<ChromosomeIndex>(() => build(position), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>How many have been built so far (for tests and timings).</summary>
    public int BuiltCount => _indexes.Count(i => i.IsValueCreated);

    public int Count => _names.Length;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<ChromosomeIndex> Values => _indexes.Select(i => i.Value);

    public ChromosomeIndex this[string key] => TryGetValue(key, out var index) ? index : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => _positions.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ChromosomeIndex value)
    {
        if (_positions.TryGetValue(key, out var position))
        {
            value = _indexes[position].Value;
            return true;
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, ChromosomeIndex>> GetEnumerator() =>
        _names.Select((name, i) => new KeyValuePair<string, ChromosomeIndex>(name, _indexes[i].Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
