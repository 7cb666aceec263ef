using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>
/// Writes each batch of alleles as a block, one blob per column, through SQLite's own API (<see cref="RawStatement"/>): the
/// batch's arrays are already laid out as a block stores them, so a batch of up to <see cref="ResultsIndexFormat.BlockRows"/>
/// alleles is written as it is, only its facet ids turned into the index's and its text offsets into lengths (a byte each,
/// mostly: <see cref="TextLengths"/>); a larger batch is cut into blocks of that size.
/// Nothing else is done per allele on the index's single thread: copying every allele there is what kept it behind the engine.
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly RawStatement _insertColumn;
    private readonly RawStatement _block;
    private readonly RawStatement _chrom;

    private readonly int[] _facets = new int[BlockRows];
    private readonly int[] _records = new int[BlockRows];
    private readonly int[] _narrowPositions = new int[BlockRows];
    private readonly ushort[] _narrowRecords = new ushort[BlockRows];
    private readonly byte[] _scaledQuals = new byte[BlockRows * sizeof(int) + 1];
    private readonly byte[] _lengths = new byte[BlockRows * BlockColumns.TextValues * TextLengths.MaxBytesPerValue];
    private readonly List<(int Chrom, long Min, long Max)> _chroms = [];
    private int _blocks;
    private long _firstRow;

    public BlockWriter(SqliteConnection connection)
    {
        _insertColumn = new RawStatement(connection, "INSERT INTO columns(id, data) VALUES (?1, ?2)");
        _block = new RawStatement(connection, "INSERT INTO blocks(id, first_row, row_count, first_record) VALUES (?1, ?2, ?3, ?4)");
        _chrom = new RawStatement(connection, "INSERT INTO block_chroms(block, chrom, min_pos, max_pos) VALUES (?1, ?2, ?3, ?4)");
    }

    /// <summary>
    /// Writes a batch whose first record is the index's <paramref name="firstRecord"/>-th; <paramref name="facetIds"/> and
    /// <paramref name="facetChroms"/> give the index's facet id and chromosome code of each of the batch's facets.
    /// </summary>
    public void Add(IndexRows rows, long firstRecord, ReadOnlySpan<int> facetIds, ReadOnlySpan<int> facetChroms)
    {
        for (var start = 0; start < rows.Count; start += BlockRows)
        {
            var n = Math.Min(BlockRows, rows.Count - start);
            var local = rows.FacetIds.Slice(start, n);
            var positions = rows.Positions.Slice(start, n);
            _chroms.Clear();
            for (var i = 0; i < n; i++)
            {
                _facets[i] = facetIds[local[i]];
                Span(facetChroms[local[i]], positions[i]);
            }

            var records = rows.RecordNumbers.Slice(start, n);
            var offsets = rows.TextOffsets.Slice(start * BlockColumns.TextValues, n * BlockColumns.TextValues + 1);
            var text = rows.Utf8[offsets[0]..offsets[^1]];
            var first = records[0];
            if (first != 0)
            {
                // a later slice of a large batch: its records counted from its own start
                for (var i = 0; i < n; i++)
                {
                    _records[i] = records[i] - first;
                }

                records = _records.AsSpan(0, n);
            }

            Write(n, firstRecord + first, positions, records, rows.Quals.Slice(start, n), offsets, text);
        }
    }

    public void Dispose()
    {
        _insertColumn.Dispose();
        _block.Dispose();
        _chrom.Dispose();
    }

    // a chromosome can come back within a block in an unsorted file: one span per chromosome, covering every visit
    private void Span(int chrom, long pos)
    {
        if (_chroms.Count > 0 && _chroms[^1].Chrom == chrom)
        {
            var (c, min, max) = _chroms[^1];
            _chroms[^1] = (c, Math.Min(min, pos), Math.Max(max, pos));
            return;
        }

        // a loop, not FindIndex: a lambda capturing the chromosome would allocate on every call of this method
        var seen = _chroms.Count - 1;
        while (seen >= 0 && _chroms[seen].Chrom != chrom)
        {
            seen--;
        }

        if (seen < 0)
        {
            _chroms.Add((chrom, pos, pos));
            return;
        }

        // back to an earlier one: it becomes the last, so that its next alleles hit the quick path above
        var (_, earlierMin, earlierMax) = _chroms[seen];
        _chroms.RemoveAt(seen);
        _chroms.Add((chrom, Math.Min(earlierMin, pos), Math.Max(earlierMax, pos)));
    }

    private void Write(int n, long firstRecord, ReadOnlySpan<long> positions, ReadOnlySpan<int> records, ReadOnlySpan<double> quals,
        ReadOnlySpan<int> offsets, ReadOnlySpan<byte> text)
    {
        Column(BlockColumn.Facet, MemoryMarshal.AsBytes(_facets.AsSpan(0, n)));
        Column(BlockColumn.Pos, Narrow(positions, _narrowPositions));
        Column(BlockColumn.Record, Narrow(records, _narrowRecords));
        Column(BlockColumn.Qual, QualColumn.Encode(quals, _scaledQuals));
        Column(BlockColumn.TextLengths, _lengths.AsSpan(0, TextLengths.Encode(offsets, _lengths)));
        Column(BlockColumn.Text, text);
        _block.Bind(1, _blocks).Bind(2, _firstRow).Bind(3, n).Bind(4, firstRecord).Run();
        foreach (var (chrom, min, max) in _chroms)
        {
            _chrom.Bind(1, _blocks).Bind(2, chrom).Bind(3, min).Bind(4, max).Run();
        }

        _blocks++;
        _firstRow += n;
    }

    // POS in four bytes when every position of the block fits (any genome's do), record numbers within the block in two (a
    // block of 4,096 alleles has at most 4,096 records unless records without alleles come between); else the values as they
    // are: the reader tells the two apart by the column's length (WidenedColumn)
    private static ReadOnlySpan<byte> Narrow<TWide, TNarrow>(ReadOnlySpan<TWide> values, TNarrow[] into)
        where TWide : unmanaged, IBinaryInteger<TWide>
        where TNarrow : unmanaged, IBinaryInteger<TNarrow>, IMinMaxValue<TNarrow>
    {
        var max = TWide.CreateTruncating(TNarrow.MaxValue);
        for (var i = 0; i < values.Length; i++)
        {
            if (TWide.IsNegative(values[i]) || values[i] > max)
            {
                return MemoryMarshal.AsBytes(values);
            }

            into[i] = TNarrow.CreateTruncating(values[i]);
        }

        return MemoryMarshal.AsBytes(into.AsSpan(0, values.Length));
    }

    private void Column(BlockColumn column, ReadOnlySpan<byte> data) =>
        _insertColumn.Bind(1, BlockColumns.Key(_blocks, column)).Bind(2, data).Run();
}
