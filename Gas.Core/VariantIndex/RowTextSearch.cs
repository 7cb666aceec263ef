using System.Text;

namespace Gas.Core.VariantIndex;

/// <summary>
/// An ID- or HGVS-shaped term looked for in ID, GeneDetail and AAChange, ASCII letters without regard to case (as SQL's
/// LIKE). A block's text is searched in one pass for the term's longest run of non-letters (which must appear exactly, and
/// which such a term always has), so a block without the term costs one vectorised search; each hit is checked in full and
/// mapped back to its allele and value through the offsets.
/// </summary>
internal sealed class RowTextSearch
{
    private readonly byte[] _term;
    private readonly byte[] _anchor;
    private readonly int _anchorAt;

    public RowTextSearch(string text)
    {
        _term = Encoding.UTF8.GetBytes(text);
        var (at, length) = (0, 0);
        for (var i = 0; i < _term.Length;)
        {
            if (IsLetter(_term[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < _term.Length && !IsLetter(_term[end]))
            {
                end++;
            }

            if (end - i > length)
            {
                (at, length) = (i, end - i);
            }

            i = end;
        }

        if (length == 0)
        {
            throw new ArgumentException($"'{text}' has no digit or mark to look for in the rows' text.", nameof(text));
        }

        _anchorAt = at;
        _anchor = _term[at..(at + length)];
    }

    /// <summary>Sets <paramref name="hits"/>[row] to 1 for every allele of the block whose ID, GeneDetail or AAChange holds the term.</summary>
    public void MarkRows(TextColumn text, Span<byte> hits)
    {
        var utf8 = text.Utf8;
        var offsets = text.Offsets;
        for (var from = 0; from < utf8.Length;)
        {
            var found = utf8[from..].IndexOf(_anchor);
            if (found < 0)
            {
                return;
            }

            var start = from + found - _anchorAt;
            from += found + 1;
            if (start < 0 || start + _term.Length > utf8.Length || !Same(utf8.Slice(start, _term.Length), _term))
            {
                continue;
            }

            var k = LastAtOrBefore(offsets, start);
            if (k < 0 || k + 1 >= offsets.Length || start + _term.Length > offsets[k + 1])
            {
                continue; // before the first value, past the last, or across two values
            }

            if ((k % BlockColumns.TextValues) is BlockColumns.Id or BlockColumns.GeneDetail or BlockColumns.AAChange)
            {
                hits[k / BlockColumns.TextValues] = 1;
            }
        }
    }

    /// <summary>The last index whose offset is at or before <paramref name="position"/> (the value holding that byte), or -1.</summary>
    private static int LastAtOrBefore(ReadOnlySpan<int> offsets, int position)
    {
        int lo = 0, hi = offsets.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (offsets[mid] <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private static bool IsLetter(byte b) => char.IsAsciiLetter((char)b);

    private static bool Same(ReadOnlySpan<byte> value, ReadOnlySpan<byte> term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            var a = value[i];
            if (a != term[i] && !(IsLetter(a) && (a | 0x20) == (term[i] | 0x20)))
            {
                return false;
            }
        }

        return true;
    }
}
