using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Gas.Core.VariantIndex;

/// <summary>What <c>blocks</c> and <c>block_chroms</c> say about one block.</summary>
internal sealed record BlockInfo(int Id, long FirstRow, int Rows, long FirstRecord, (int Chrom, long Min, long Max)[] Chroms);

/// <summary>The columns of one block that a caller asked for (the others are null).</summary>
internal sealed class Block(BlockInfo info, int[] facets, long[]? pos, int[]? records, double[]? quals, byte[]? text)
{
    public BlockInfo Info { get; } = info;
    public int[] Facets { get; } = facets;
    public long[]? Pos { get; } = pos;
    public int[]? Records { get; } = records;
    public double[]? Quals { get; } = quals;

    /// <summary>One of the allele's text values (<see cref="BlockColumns"/>) as UTF-8.</summary>
    public ReadOnlySpan<byte> Text(int row, int value)
    {
        var offsets = MemoryMarshal.Cast<byte, int>(text.AsSpan(0, (Info.Rows * BlockColumns.TextValues + 1) * sizeof(int)));
        var start = offsets[row * BlockColumns.TextValues + value];
        var end = offsets[row * BlockColumns.TextValues + value + 1];
        return text.AsSpan(offsets.Length * sizeof(int) + start, end - start);
    }

    /// <summary>The allele as a row of the table (this block must hold every column).</summary>
    public AlleleRow Row(int i, Facet[] facetsById, LabelTexts labels)
    {
        var f = facetsById[Facets[i]];
        var qual = Quals![i];
        return new AlleleRow(
            Info.FirstRecord + Records![i], labels[LabelKind.Chrom, f.Chrom] ?? "", Pos![i], String(i, BlockColumns.Id),
            String(i, BlockColumns.Ref) ?? "", String(i, BlockColumns.Alt) ?? "", double.IsNaN(qual) ? null : qual,
            labels[LabelKind.Filter, f.Filter] ?? ".", labels[LabelKind.Func, f.Func], labels[LabelKind.Genes, f.Genes],
            String(i, BlockColumns.GeneDetail), labels[LabelKind.ExonicFunc, f.ExonicFunc], String(i, BlockColumns.AAChange),
            labels[LabelKind.CytoBand, f.CytoBand], labels[LabelKind.Gwas, f.Gwas], labels[LabelKind.BuildCheck, f.BuildCheck]);
    }

    private string? String(int row, int value) => Text(row, value) is { IsEmpty: false } bytes ? Encoding.UTF8.GetString(bytes) : null;
}

/// <summary>Label texts per kind and id (0 and unknown ids: null).</summary>
internal sealed class LabelTexts(string?[][] texts)
{
    public string? this[LabelKind kind, int id] => (uint)id < (uint)texts[(int)kind].Length ? texts[(int)kind][id] : null;

    public string? this[string kind, int id] => this[(LabelKind)Array.IndexOf(LabelKinds.Names, kind), id];
}

/// <summary>Reads block columns over one open connection (one prepared statement).</summary>
internal sealed class BlockSource : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _id;

    public BlockSource(SqliteConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = "SELECT data FROM columns WHERE id = $id";
        _id = _command.Parameters.Add("$id", SqliteType.Integer);
        _command.Prepare();
    }

    public Block Load(BlockInfo info, bool pos = false, bool records = false, bool quals = false, bool text = false) => new(
        info, Array<int>(info, BlockColumn.Facet), pos ? Array<long>(info, BlockColumn.Pos) : null,
        records ? Array<int>(info, BlockColumn.Record) : null, quals ? Array<double>(info, BlockColumn.Qual) : null,
        text ? Bytes(info, BlockColumn.Text) : null);

    /// <summary>Every column: for decoding rows.</summary>
    public Block LoadAll(BlockInfo info) => Load(info, pos: true, records: true, quals: true, text: true);

    public void Dispose() => _command.Dispose();

    private T[] Array<T>(BlockInfo info, BlockColumn column) where T : struct
    {
        var bytes = Bytes(info, column);
        var values = MemoryMarshal.Cast<byte, T>(bytes);
        if (values.Length != info.Rows)
        {
            throw new InvalidDataException($"Block {info.Id} of the results index has {values.Length} values in column {column} for {info.Rows} alleles.");
        }

        return values.ToArray();
    }

    private byte[] Bytes(BlockInfo info, BlockColumn column)
    {
        _id.Value = BlockColumns.Key(info.Id, column);
        using var reader = _command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidDataException($"Block {info.Id} of the results index has no column {column}.");
        }

        return reader.GetFieldValue<byte[]>(0);
    }
}
