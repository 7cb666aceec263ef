using System.Runtime.CompilerServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// Unsigned LEB128, the index's compact numbers: 7 bits a byte, the lowest group first, the high bit set on every byte but
/// the last; a number under 128 takes one byte. Used for text lengths (<see cref="TextLengths"/>) and facets (<see cref="FacetTable"/>).
/// </summary>
internal static class Leb128
{
    /// <summary>The most bytes a 64-bit number takes.</summary>
    public const int MaxBytes = 10;

    /// <summary>Writes <paramref name="value"/> at <paramref name="at"/>; returns where the next number goes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Write(ulong value, Span<byte> into, int at)
    {
        while (value >= 0x80)
        {
            into[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        into[at++] = (byte)value;
        return at;
    }

    /// <summary>Reads the number at <paramref name="at"/> and moves past it; false when the bytes end inside it or it is longer than 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> from, ref int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at == from.Length)
            {
                return false;
            }

            var b = from[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }
}
