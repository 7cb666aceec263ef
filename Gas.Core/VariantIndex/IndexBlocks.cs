using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Gas.Core.VariantIndex;

/// <summary>What <c>blocks</c> and <c>block_chroms</c> say about one block.</summary>
internal sealed record BlockInfo(int Id, long FirstRow, int Rows, long FirstRecord, (int Chrom, long Min, long Max)[] Chroms);

/// <summary>Label texts per kind and id (0 and unknown ids: null).</summary>
internal sealed class LabelTexts(string?[][] texts)
{
    public string? this[LabelKind kind, int id] => (uint)id < (uint)texts[(int)kind].Length ? texts[(int)kind][id] : null;

    /// <summary>Every label of a kind by id.</summary>
    public string?[] Of(LabelKind kind) => texts[(int)kind];
}

/// <summary>A block's text: per allele and value (<see cref="BlockColumns"/>) an offset into its UTF-8.</summary>
internal readonly ref struct TextColumn(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> utf8)
{
    /// <summary><c>Rows * TextValues + 1</c> offsets into <see cref="Utf8"/>, ascending.</summary>
    public ReadOnlySpan<int> Offsets { get; } = offsets;

    public ReadOnlySpan<byte> Utf8 { get; } = utf8;

    public ReadOnlySpan<byte> Value(int row, int value)
    {
        var k = row * BlockColumns.TextValues + value;
        return Utf8[Offsets[k]..Offsets[k + 1]];
    }
}

/// <summary>
/// Reads block columns through SQLite's own API without copying them: a column's span points into SQLite's memory and stays
/// valid until the same column of another block is read (one statement per column, so a block's columns can be held together).
/// Dispose before the connection. The file is mapped into memory rather than read a page at a time: the index files are never
/// changed in place (the cache gives each copy its own name), so a mapping cannot see one change under it.
/// </summary>
internal sealed class BlockReader : IDisposable
{
    /// <summary>More than any index: a million alleles make ~65 MB.</summary>
    public const long MapBytes = 1L << 32;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt[] _statements = new sqlite3_stmt[BlockColumns.Count];
    private readonly int[] _current = new int[BlockColumns.Count];
    private readonly WidenedColumn<int, long> _pos = new(BlockColumn.Pos);
    private readonly WidenedColumn<ushort, int> _records = new(BlockColumn.Record);
    private double[] _quals = new double[ResultsIndexFormat.BlockRows];
    private int _qualsBlock = -1;
    private int[] _offsets = new int[ResultsIndexFormat.BlockRows * BlockColumns.TextValues + 1];
    private int _offsetsBlock = -1;

    public BlockReader(SqliteConnection connection)
    {
        _db = connection.Handle!;
        Check(raw.sqlite3_exec(_db, $"PRAGMA mmap_size = {MapBytes}"));
        for (var c = 0; c < _statements.Length; c++)
        {
            Check(raw.sqlite3_prepare_v2(_db, "SELECT data FROM columns WHERE id = ?1", out _statements[c]));
            _current[c] = -1;
        }
    }

    public ReadOnlySpan<int> Facets(BlockInfo info) => Values<int>(info, BlockColumn.Facet);

    public ReadOnlySpan<long> Pos(BlockInfo info) => _pos.Of(info, Bytes(info, BlockColumn.Pos));

    public ReadOnlySpan<int> Records(BlockInfo info) => _records.Of(info, Bytes(info, BlockColumn.Record));

    public ReadOnlySpan<double> Quals(BlockInfo info)
    {
        var stored = Bytes(info, BlockColumn.Qual);
        if (_qualsBlock == info.Id && stored.Length != info.Rows * sizeof(double))
        {
            return _quals.AsSpan(0, info.Rows);
        }

        _qualsBlock = -1;
        if (!QualColumn.TryDecode(stored, info.Rows, ref _quals, out var quals))
        {
            throw new InvalidDataException($"Block {info.Id} of the results index has {stored.Length} bytes of QUAL for {info.Rows} alleles.");
        }

        _qualsBlock = info.Id;
        return quals;
    }

    /// <summary>The block's text, its stored lengths turned into offsets once per block.</summary>
    public TextColumn Text(BlockInfo info)
    {
        var utf8 = Bytes(info, BlockColumn.Text);
        var count = info.Rows * BlockColumns.TextValues + 1;
        if (_offsetsBlock != info.Id)
        {
            _offsetsBlock = -1;
            if (_offsets.Length < count)
            {
                _offsets = new int[count];
            }

            var lengths = Bytes(info, BlockColumn.TextLengths);
            if (!TextLengths.TryDecode(lengths, _offsets.AsSpan(0, count), utf8.Length))
            {
                throw new InvalidDataException($"Block {info.Id} of the results index has {lengths.Length} bytes of text lengths that do not give {count - 1} values over its {utf8.Length} bytes of text for {info.Rows} alleles.");
            }

            _offsetsBlock = info.Id;
        }

        return new(_offsets.AsSpan(0, count), utf8);
    }

    /// <summary>The allele as a row of the table.</summary>
    public AlleleRow Row(BlockInfo info, int i, Facet[] facetsById, LabelTexts labels)
    {
        var f = facetsById[Facets(info)[i]];
        var qual = Quals(info)[i];
        var text = Text(info);
        return new AlleleRow(
            info.FirstRecord + Records(info)[i], labels[LabelKind.Chrom, f.Chrom] ?? "", Pos(info)[i], String(text, i, BlockColumns.Id),
            String(text, i, BlockColumns.Ref) ?? "", String(text, i, BlockColumns.Alt) ?? "", double.IsNaN(qual) ? null : qual,
            labels[LabelKind.Filter, f.Filter] ?? ".", labels[LabelKind.Func, f.Func], labels[LabelKind.Genes, f.Genes],
            String(text, i, BlockColumns.GeneDetail), labels[LabelKind.ExonicFunc, f.ExonicFunc], String(text, i, BlockColumns.AAChange),
            labels[LabelKind.CytoBand, f.CytoBand], labels[LabelKind.Gwas, f.Gwas], labels[LabelKind.BuildCheck, f.BuildCheck]);
    }

    private static string? String(TextColumn text, int row, int value) =>
        text.Value(row, value) is { IsEmpty: false } bytes ? Encoding.UTF8.GetString(bytes) : null;

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }
    }

    private ReadOnlySpan<T> Values<T>(BlockInfo info, BlockColumn column) where T : struct
    {
        var values = MemoryMarshal.Cast<byte, T>(Bytes(info, column));
        if (values.Length != info.Rows)
        {
            throw new InvalidDataException($"Block {info.Id} of the results index has {values.Length} values in column {column} for {info.Rows} alleles.");
        }

        return values;
    }

    private ReadOnlySpan<byte> Bytes(BlockInfo info, BlockColumn column)
    {
        var c = (int)column;
        var statement = _statements[c];
        if (_current[c] != info.Id)
        {
            _current[c] = -1;
            raw.sqlite3_reset(statement);
            Check(raw.sqlite3_bind_int64(statement, 1, BlockColumns.Key(info.Id, column)));
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                throw new InvalidDataException($"Block {info.Id} of the results index has no column {column}.");
            }

            Check(rc);
            _current[c] = info.Id;
        }

        return raw.sqlite3_column_blob(statement, 0);
    }

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW))
        {
            throw new SqliteException($"Reading the results index failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }
}
