using System.Globalization;

namespace Gas.Core.VariantIndex;

/// <summary>
/// One annotated VCF record line cut into spans without copying: the fixed columns and the eight INFO values the index
/// keeps. Values come back per ALT (see <see cref="Value"/>) and still escaped; <see cref="AnnotatedVcf.Unescape(string)"/> undoes that.
/// </summary>
internal readonly ref struct RecordLine
{
    public const int Func = 0, Gene = 1, GeneDetail = 2, ExonicFunc = 3, AAChange = 4, CytoBand = 5, Gwas = 6, BuildCheck = 7;

    private static readonly string[] Keys =
    [
        AnnotatedVcf.FuncKey + "=", AnnotatedVcf.GeneKey + "=", AnnotatedVcf.GeneDetailKey + "=", AnnotatedVcf.ExonicFuncKey + "=",
        AnnotatedVcf.AAChangeKey + "=", AnnotatedVcf.CytoBandKey + "=", AnnotatedVcf.GwasKey + "=", AnnotatedVcf.BuildCheckKey + "=",
    ];

    private readonly ReadOnlySpan<char> _line;
    private readonly Range[] _columns;
    private readonly Range[] _info;

    private RecordLine(ReadOnlySpan<char> line, Range[] columns, Range[] info, long pos, int alleles)
    {
        _line = line;
        _columns = columns;
        _info = info;
        Pos = pos;
        Alleles = alleles;
    }

    public long Pos { get; }
    public int Alleles { get; }
    public ReadOnlySpan<char> Chrom => _line[_columns[0]];
    public ReadOnlySpan<char> Id => _line[_columns[2]];
    public ReadOnlySpan<char> Ref => _line[_columns[3]];
    public ReadOnlySpan<char> Qual => _line[_columns[5]];
    public ReadOnlySpan<char> Filter => _line[_columns[6]];

    /// <summary>Cuts a record line; <paramref name="columns"/> (9) and <paramref name="info"/> (8) are scratch arrays the caller reuses.</summary>
    public static RecordLine Parse(ReadOnlySpan<char> line, Range[] columns, Range[] info, long lineNumber)
    {
        var count = line.Split(columns, '\t');
        if (count < 8 || !long.TryParse(line[columns[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var pos))
        {
            throw new FormatException($"Line {lineNumber} of the annotated VCF is not a VCF record.");
        }

        Array.Fill(info, default);
        var infoColumn = line[columns[7]];
        var offset = columns[7].Start.GetOffset(line.Length);
        foreach (var entry in infoColumn.Split(';'))
        {
            var text = infoColumn[entry];
            for (var k = 0; k < Keys.Length; k++)
            {
                if (text.StartsWith(Keys[k], StringComparison.Ordinal))
                {
                    info[k] = new Range(offset + entry.Start.Value + Keys[k].Length, offset + entry.End.Value);
                    break;
                }
            }
        }

        return new RecordLine(line, columns, info, pos, line[columns[4]].Count(',') + 1);
    }

    public ReadOnlySpan<char> Alt(int allele) => Part(_line[_columns[4]], allele, Alleles, whole: false);

    /// <summary>
    /// The value of INFO key <paramref name="key"/> for one ALT: the n-th of n comma-separated values when there is one per ALT,
    /// otherwise the whole value (the engine writes a value all ALTs share once). The record's own values (cytoband, GWAS traits,
    /// build check) are always whole: a trait list's commas do not split it among the ALTs. Empty for absent or ".".
    /// </summary>
    public ReadOnlySpan<char> Value(int key, int allele)
    {
        var range = _info[key];
        if (range.Equals(default(Range)))
        {
            return default;
        }

        var raw = _line[range];
        var value = Alleles > 1 && key < CytoBand && raw.Count(',') + 1 == Alleles ? Part(raw, allele, Alleles, whole: true) : raw;
        return value is "." ? default : value;
    }

    private static ReadOnlySpan<char> Part(ReadOnlySpan<char> list, int index, int count, bool whole)
    {
        if (count == 1)
        {
            return list;
        }

        var i = 0;
        foreach (var part in list.Split(','))
        {
            if (i++ == index)
            {
                return list[part];
            }
        }

        return whole ? list : default;
    }
}
