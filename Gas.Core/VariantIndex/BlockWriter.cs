using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>
/// Gathers alleles into blocks of <see cref="ResultsIndexFormat.BlockRows"/>, column by column, and writes each full block as
/// one blob per column through SQLite's own API (<see cref="RawStatement"/>): a few inserts per 4,096 alleles
/// instead of one per allele, and no secondary index to make afterwards.
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly RawStatement _insertColumn;
    private readonly RawStatement _block;
    private readonly RawStatement _chrom;

    private readonly int[] _facets = new int[BlockRows];
    private readonly long[] _pos = new long[BlockRows];
    private readonly int[] _records = new int[BlockRows];
    private readonly double[] _quals = new double[BlockRows];
    private readonly int[] _offsets = new int[BlockRows * BlockColumns.TextValues + 1];
    private readonly List<(int Chrom, long Min, long Max)> _chroms = [];
    private byte[] _text = new byte[BlockRows * 64];
    private byte[] _column = [];
    private int _textLength;
    private int _rows;
    private int _blocks;
    private long _firstRow;
    private long _firstRecord;

    public BlockWriter(SqliteConnection connection)
    {
        _insertColumn = new RawStatement(connection, "INSERT INTO columns(id, data) VALUES (?1, ?2)");
        _block = new RawStatement(connection, "INSERT INTO blocks(id, first_row, row_count, first_record) VALUES (?1, ?2, ?3, ?4)");
        _chrom = new RawStatement(connection, "INSERT INTO block_chroms(block, chrom, min_pos, max_pos) VALUES (?1, ?2, ?3, ?4)");
    }

    /// <summary>Adds one allele of a batch, under the index's facet and chromosome codes; a full block is written at once.</summary>
    public void Add(long record, int facet, int chrom, IndexRows rows, int allele)
    {
        if (_rows == 0)
        {
            _firstRecord = record;
        }

        var i = _rows;
        var pos = rows.Pos(allele);
        _facets[i] = facet;
        _pos[i] = pos;
        _records[i] = checked((int)(record - _firstRecord));
        _quals[i] = rows.Qual(allele);
        var text = rows.Text(allele, out var start, out var ends);
        var o = i * BlockColumns.TextValues;
        _offsets[o] = _textLength;
        for (var k = 0; k < BlockColumns.TextValues; k++)
        {
            _offsets[o + 1 + k] = _textLength + ends[k] - start;
        }

        if (_textLength + text.Length > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_textLength + text.Length, _text.Length * 2));
        }

        text.CopyTo(_text.AsSpan(_textLength));
        _textLength += text.Length;
        if (_chroms.Count > 0 && _chroms[^1].Chrom == chrom)
        {
            var (c, min, max) = _chroms[^1];
            _chroms[^1] = (c, Math.Min(min, pos), Math.Max(max, pos));
        }
        else
        {
            _chroms.Add((chrom, pos, pos));
        }

        if (++_rows == BlockRows)
        {
            Flush();
        }
    }

    /// <summary>Writes the partial last block, if any.</summary>
    public void Flush()
    {
        if (_rows == 0)
        {
            return;
        }

        var n = _rows;
        Column(BlockColumn.Facet, MemoryMarshal.AsBytes(_facets.AsSpan(0, n)));
        Column(BlockColumn.Pos, MemoryMarshal.AsBytes(_pos.AsSpan(0, n)));
        Column(BlockColumn.Record, MemoryMarshal.AsBytes(_records.AsSpan(0, n)));
        Column(BlockColumn.Qual, MemoryMarshal.AsBytes(_quals.AsSpan(0, n)));
        // one buffer for every block's text column: a new 100 KB array per block is fresh memory each time, page-faulted in
        var offsets = MemoryMarshal.AsBytes(_offsets.AsSpan(0, n * BlockColumns.TextValues + 1));
        var length = offsets.Length + _textLength;
        if (_column.Length < length)
        {
            _column = new byte[Math.Max(length, _column.Length * 2)];
        }

        offsets.CopyTo(_column);
        _text.AsSpan(0, _textLength).CopyTo(_column.AsSpan(offsets.Length));
        Column(BlockColumn.Text, _column.AsSpan(0, length));

        _block.Bind(1, _blocks).Bind(2, _firstRow).Bind(3, n).Bind(4, _firstRecord).Run();

        // a chromosome can come back within a block in an unsorted file: one span per chromosome, covering every visit
        foreach (var group in _chroms.GroupBy(c => c.Chrom))
        {
            _chrom.Bind(1, _blocks).Bind(2, group.Key).Bind(3, group.Min(c => c.Min)).Bind(4, group.Max(c => c.Max)).Run();
        }

        _blocks++;
        _firstRow += n;
        _rows = 0;
        _textLength = 0;
        _chroms.Clear();
    }

    public void Dispose()
    {
        _insertColumn.Dispose();
        _block.Dispose();
        _chrom.Dispose();
    }

    private void Column(BlockColumn column, ReadOnlySpan<byte> data) =>
        _insertColumn.Bind(1, BlockColumns.Key(_blocks, column)).Bind(2, data).Run();
}
