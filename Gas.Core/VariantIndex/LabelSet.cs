namespace Gas.Core.VariantIndex;

/// <summary>
/// Distinct texts, each with an id (0, 1, … in order of addition), kept in one character array rather than as a string each.
/// An index writer meets ~40,000 gene lists in a million alleles and keeps them to the end of the job: as strings they were
/// promoted through every generation of the GC while the engine ran (a gen1 collection every few batches, each pausing
/// every thread); in a few large arrays they are not. Found by an open-addressing table of ids over the texts' hashes.
/// </summary>
internal sealed class LabelSet
{
    private char[] _chars;
    // text i ends at _ends[i] and starts where text i - 1 ends
    private int[] _ends;
    private int[] _hashes;
    // id + 1 per slot, 0 for an empty slot; never more than half full
    private int[] _slots;
    private int _length;

    /// <param name="initialCapacity">Texts before the arrays first grow (a power of two).</param>
    public LabelSet(int initialCapacity = 1 << 12)
    {
        _chars = new char[initialCapacity * 16];
        _ends = new int[initialCapacity];
        _hashes = new int[initialCapacity];
        _slots = new int[initialCapacity * 2];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int id] => _chars.AsSpan(Start(id), _ends[id] - Start(id));

    /// <summary>The text's id, added if it is new (<paramref name="added"/>).</summary>
    public int Add(ReadOnlySpan<char> text, out bool added)
    {
        var hash = string.GetHashCode(text);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot] != 0)
        {
            var id = _slots[slot] - 1;
            if (_hashes[id] == hash && this[id].SequenceEqual(text))
            {
                added = false;
                return id;
            }

            slot = (slot + 1) & mask;
        }

        added = true;
        return Append(text, hash, slot);
    }

    /// <summary>Empties the set for reuse; its arrays stay as large as they grew.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        Count = 0;
        _length = 0;
    }

    /// <summary>Every text, as strings (for writing them out once, at the end).</summary>
    public string[] ToStrings()
    {
        var texts = new string[Count];
        for (var id = 0; id < Count; id++)
        {
            texts[id] = this[id].ToString();
        }

        return texts;
    }

    private int Start(int id) => id == 0 ? 0 : _ends[id - 1];

    private int Append(ReadOnlySpan<char> text, int hash, int slot)
    {
        if (_length + text.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_length + text.Length, _chars.Length * 2));
        }

        if (Count == _ends.Length)
        {
            Array.Resize(ref _ends, Count * 2);
            Array.Resize(ref _hashes, Count * 2);
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        var id = Count++;
        _ends[id] = _length;
        _hashes[id] = hash;
        _slots[slot] = id + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash();
        }

        return id;
    }

    private void Rehash()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var slot = _hashes[id] & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = id + 1;
        }
    }
}
