using System.Runtime.InteropServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A block's QUAL column as stored: when every QUAL of the block is a whole number of thousandths (or hundredths, tenths,
/// units) that fits (as callers write them: "50", "29.7", "670.61"), four bytes each, <c>value * 10^scale</c> as int32 with
/// <see cref="int.MinValue"/> for none, and one byte more, the scale; otherwise eight, the doubles themselves (NaN for none).
/// The two lengths cannot meet (<c>4n + 1</c> is odd). Read back, a scaled value is the same double the text parsed to: both are
/// the correctly rounded quotient of the same two exact numbers.
/// </summary>
internal static class QualColumn
{
    private const int None = int.MinValue;
    private static readonly double[] _scales = [1, 10, 100, 1000];

    /// <summary>The bytes to store for <paramref name="quals"/>, scaled into <paramref name="scaled"/> (one int per value, one byte more) when they allow.</summary>
    public static ReadOnlySpan<byte> Encode(ReadOnlySpan<double> quals, byte[] scaled)
    {
        var values = MemoryMarshal.Cast<byte, int>(scaled.AsSpan(0, quals.Length * sizeof(int)));
        var scale = 0;
        // the values before this one were scaled at a smaller scale than the block's current one
        var behind = 0;
        for (var i = 0; i < quals.Length; i++)
        {
            var q = quals[i];
            if (double.IsNaN(q))
            {
                values[i] = None;
                continue;
            }

            while (!TryScale(q, scale, out values[i]))
            {
                if (++scale == _scales.Length)
                {
                    return MemoryMarshal.AsBytes(quals);
                }

                behind = i;
            }
        }

        // those again at the block's final scale: a value exact at a smaller one may not fit in an int at this one
        for (var i = 0; i < behind; i++)
        {
            if (!double.IsNaN(quals[i]) && !TryScale(quals[i], scale, out values[i]))
            {
                return MemoryMarshal.AsBytes(quals);
            }
        }

        scaled[quals.Length * sizeof(int)] = (byte)scale;
        return scaled.AsSpan(0, quals.Length * sizeof(int) + 1);
    }

    /// <summary>The QUALs of a block of <paramref name="rows"/> alleles; false when the stored bytes are neither form.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> stored, int rows, ref double[] into, out ReadOnlySpan<double> quals)
    {
        quals = default;
        if (stored.Length == rows * sizeof(double))
        {
            quals = MemoryMarshal.Cast<byte, double>(stored);
            return true;
        }

        if (stored.Length != rows * sizeof(int) + 1 || stored[^1] >= _scales.Length)
        {
            return false;
        }

        if (into.Length < rows)
        {
            into = new double[rows];
        }

        var scale = _scales[stored[^1]];
        var values = MemoryMarshal.Cast<byte, int>(stored[..^1]);
        for (var i = 0; i < values.Length; i++)
        {
            into[i] = values[i] == None ? double.NaN : values[i] / scale;
        }

        quals = into.AsSpan(0, rows);
        return true;
    }

    // q as an int at the scale, when it comes back from that int bit for bit (so -0.0, infinities and anything too large
    // keep the eight-byte form)
    private static bool TryScale(double q, int scale, out int scaled)
    {
        var r = Math.Round(q * _scales[scale]);
        if (!(Math.Abs(r) < int.MaxValue))
        {
            scaled = 0;
            return false;
        }

        scaled = (int)r;
        return BitConverter.DoubleToInt64Bits(scaled / _scales[scale]) == BitConverter.DoubleToInt64Bits(q);
    }
}
