using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A block column that <see cref="BlockWriter"/> stores narrow when the block's values allow it (POS in four bytes, record
/// numbers in two) and wide otherwise; the column's length says which. Read as it is when wide; when narrow, widened once per
/// block into a buffer of its own, which stays valid, like a column's span, until the same column of another block is read.
/// </summary>
internal sealed class WidenedColumn<TNarrow, TWide>(BlockColumn column)
    where TNarrow : unmanaged, IBinaryInteger<TNarrow>
    where TWide : unmanaged, IBinaryInteger<TWide>
{
    private TWide[] _wide = new TWide[ResultsIndexFormat.BlockRows];
    private int _block = -1;

    public ReadOnlySpan<TWide> Of(BlockInfo info, ReadOnlySpan<byte> stored)
    {
        if (stored.Length == info.Rows * Unsafe.SizeOf<TWide>())
        {
            return MemoryMarshal.Cast<byte, TWide>(stored);
        }

        if (stored.Length != info.Rows * Unsafe.SizeOf<TNarrow>())
        {
            throw new InvalidDataException($"Block {info.Id} of the results index has {stored.Length} bytes in column {column} for {info.Rows} alleles.");
        }

        if (_block != info.Id)
        {
            _block = -1;
            if (_wide.Length < info.Rows)
            {
                _wide = new TWide[info.Rows];
            }

            var narrow = MemoryMarshal.Cast<byte, TNarrow>(stored);
            for (var i = 0; i < narrow.Length; i++)
            {
                _wide[i] = TWide.CreateTruncating(narrow[i]);
            }

            _block = info.Id;
        }

        return _wide.AsSpan(0, info.Rows);
    }
}
