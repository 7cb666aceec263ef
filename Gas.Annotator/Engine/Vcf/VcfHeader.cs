using Gas.Annotator.Engine.Validation;

namespace Gas.Annotator.Engine;

/// <summary>What one header line is, once <see cref="VcfHeader.Read"/> has checked it.</summary>
internal enum HeaderLine
{
    /// <summary>An empty line: skipped.</summary>
    Blank,

    /// <summary>A <c>##</c> meta line.</summary>
    Meta,

    /// <summary>The <c>#CHROM</c> line; <see cref="VcfHeader.Columns"/> is now set and records follow.</summary>
    Columns,
}

/// <summary>
/// The header rules both engines apply, line by line, up to the <c>#CHROM</c> line (VCF 4.x §1.4–1.5): the file starts with
/// <c>##fileformat=VCF…</c>, meta lines start with <c>##</c>, the column line names the eight fixed columns in order, and no
/// record comes before it. Each line it accepts goes on to <paramref name="validator"/>, which checks the specification's finer rules.
/// </summary>
internal sealed class VcfHeader(HeaderValidator? validator = null)
{
    private static readonly byte[][] _fixedColumns = ["#CHROM"u8.ToArray(), "POS"u8.ToArray(), "ID"u8.ToArray(), "REF"u8.ToArray(),
        "ALT"u8.ToArray(), "QUAL"u8.ToArray(), "FILTER"u8.ToArray(), "INFO"u8.ToArray()];

    /// <summary>Lines read so far, blank ones included.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Columns named by the <c>#CHROM</c> line (8, or more with FORMAT and samples); 0 until it is read.</summary>
    public int Columns { get; private set; }

    public bool Done => Columns > 0;

    /// <summary>Checks the next line (its '\n' already removed).</summary>
    /// <exception cref="VcfFormatException">The line breaks a header rule.</exception>
    public HeaderLine Read(ReadOnlySpan<byte> line)
    {
        LineNumber++;
        if (LineNumber == 1 && !line.StartsWith("##fileformat=VCF"u8))
        {
            throw new VcfFormatException(1, "a VCF file must start with a '##fileformat=VCFv4.x' line.", VcfRules.FileformatMissing.Id);
        }

        if (line.IsEmpty)
        {
            return HeaderLine.Blank;
        }

        if (line[0] != (byte)'#')
        {
            throw new VcfFormatException(LineNumber, "a data line came before the '#CHROM' header line.", VcfRules.RecordBeforeHeader.Id);
        }

        if (line.Length > 1 && line[1] == (byte)'#')
        {
            validator?.Meta(line, LineNumber);
            return HeaderLine.Meta;
        }

        Columns = CountColumns(line);
        validator?.Columns(line, LineNumber);
        return HeaderLine.Columns;
    }

    /// <summary>At the end of the input: a VCF without a <c>#CHROM</c> line has no records to read.</summary>
    public void Finish()
    {
        if (!Done)
        {
            throw new VcfFormatException(Math.Max(LineNumber, 1), "the '#CHROM' header line is missing.", VcfRules.HeaderLine.Id);
        }
    }

    private int CountColumns(ReadOnlySpan<byte> line)
    {
        var columns = 0;
        var rest = line;
        while (true)
        {
            var tab = rest.IndexOf((byte)'\t');
            var name = tab < 0 ? rest : rest[..tab];
            if (columns < _fixedColumns.Length && !name.SequenceEqual(_fixedColumns[columns]))
            {
                break;
            }

            columns++;
            if (tab < 0)
            {
                break;
            }

            rest = rest[(tab + 1)..];
        }

        return columns >= _fixedColumns.Length
            ? columns
            : throw new VcfFormatException(LineNumber, "the header line must be tab-separated '#CHROM POS ID REF ALT QUAL FILTER INFO'.", VcfRules.HeaderLine.Id);
    }
}
