namespace Gas.Core.VariantIndex;

/// <summary>
/// A block's text lengths as stored: each value's length in UTF-8 bytes as an unsigned LEB128 number (<see cref="Leb128"/>),
/// so the usual value of a few bytes takes one byte where an offset took four.
/// The reader turns them back into offsets once per block.
/// </summary>
internal static class TextLengths
{
    /// <summary>The most bytes one length takes (a 32-bit length in 7-bit groups).</summary>
    public const int MaxBytesPerValue = 5;

    /// <summary>Writes the lengths between consecutive <paramref name="offsets"/> into <paramref name="into"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<int> offsets, Span<byte> into)
    {
        var n = 0;
        for (var k = 1; k < offsets.Length; k++)
        {
            n = Leb128.Write((uint)(offsets[k] - offsets[k - 1]), into, n);
        }

        return n;
    }

    /// <summary>
    /// Fills <paramref name="offsets"/> (one more than the values) from the stored lengths; false when they are not exactly
    /// that many values adding up to <paramref name="textBytes"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> lengths, Span<int> offsets, int textBytes)
    {
        offsets[0] = 0;
        var at = 0;
        var k = 1;
        long end = 0;
        while (at < lengths.Length)
        {
            if (k == offsets.Length)
            {
                return false;
            }

            if (!Leb128.TryRead(lengths, ref at, out var length))
            {
                return false;
            }

            end += (long)Math.Min(length, (ulong)textBytes + 1);
            if (end > textBytes)
            {
                return false;
            }

            offsets[k++] = (int)end;
        }

        return k == offsets.Length && end == textBytes;
    }
}
