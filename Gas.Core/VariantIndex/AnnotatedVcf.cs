using System.Globalization;

namespace Gas.Core.VariantIndex;

/// <summary>One ALT allele of an annotated VCF record, with the INFO values that belong to it (unescaped for display).</summary>
public sealed record AlleleRow(
    long Record,
    string Chrom,
    long Pos,
    string? Id,
    string Ref,
    string Alt,
    double? Qual,
    string Filter,
    string? Func,
    string? Gene,
    string? GeneDetail,
    string? ExonicFunc,
    string? AAChange,
    string? CytoBand,
    string? GwasTrait,
    string? BuildCheck)
{
    /// <summary>True when the ID column names a dbSNP rsID.</summary>
    public bool IsKnown => AnnotatedVcf.HasRsId(Id);
}

/// <summary>What the annotated VCF's header says about the run: the genome build and any build warning.</summary>
public sealed record AnnotatedVcfHeader(string Build, string UcscName, bool BuildAssumed, string? BuildWarning, string? Sources);

/// <summary>Reads the engine's output: table_annovar's INFO keys, per ALT allele, plus GAS's own keys and header lines.</summary>
public static class AnnotatedVcf
{
    public const string FuncKey = "Func.refGene";
    public const string GeneKey = "Gene.refGene";
    public const string GeneDetailKey = "GeneDetail.refGene";
    public const string ExonicFuncKey = "ExonicFunc.refGene";
    public const string AAChangeKey = "AAChange.refGene";
    public const string CytoBandKey = "cytoBand";
    public const string GwasKey = "GAS_GWAS_TRAIT";
    public const string BuildCheckKey = "GAS_BUILD_CHECK";

    private static readonly (string Build, string Ucsc)[] Builds = [("GRCh37", "hg19"), ("GRCh38", "hg38"), ("NCBI36", "hg18")];

    /// <summary>Reads the header lines up to and including <c>#CHROM</c>; the reader is left at the first record.</summary>
    public static AnnotatedVcfHeader ReadHeader(TextReader reader)
    {
        string? reference = null, warning = null, sources = null;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("##GAS_reference=", StringComparison.Ordinal))
            {
                reference = Attribute(line, "Build");
                sources = Attribute(line, "Sources");
            }
            else if (line.StartsWith("##GAS_buildCheck=", StringComparison.Ordinal))
            {
                warning = line["##GAS_buildCheck=".Length..];
            }
            else if (line.StartsWith("#CHROM", StringComparison.Ordinal))
            {
                break;
            }
            else if (!line.StartsWith('#'))
            {
                throw new FormatException("The annotated VCF has no '#CHROM' header line.");
            }
        }

        // "GRCh37 (hg19)" as the engine writes it; until the engine records the build on the job, GRCh37 is the default.
        foreach (var (build, ucsc) in Builds)
        {
            if (reference is not null && (reference.Contains(build, StringComparison.OrdinalIgnoreCase) || reference.Contains(ucsc, StringComparison.OrdinalIgnoreCase)))
            {
                return new AnnotatedVcfHeader(build, ucsc, false, warning, sources);
            }
        }

        return new AnnotatedVcfHeader("GRCh37", "hg19", true, warning, sources);
    }

    /// <summary>The alleles of every record after the header, one row per ALT, in file order.</summary>
    public static IEnumerable<AlleleRow> ReadAlleles(TextReader reader, CancellationToken ct)
    {
        long record = 0;
        var lineNumber = 0L;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if ((lineNumber & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            foreach (var row in Alleles(line, record, lineNumber))
            {
                yield return row;
            }

            record++;
        }
    }

    /// <summary>Splits one record line into its allele rows.</summary>
    public static IReadOnlyList<AlleleRow> Alleles(string line, long record, long lineNumber = 0)
    {
        var fields = RecordLine.Parse(line, new Range[9], new Range[8], lineNumber);
        var rows = new List<AlleleRow>(fields.Alleles);
        var id = fields.Id is "." or "" ? null : fields.Id.ToString();
        var qual = Qual(fields.Qual);
        for (var i = 0; i < fields.Alleles; i++)
        {
            rows.Add(new AlleleRow(
                record, fields.Chrom.ToString(), fields.Pos, id, fields.Ref.ToString(), fields.Alt(i).ToString(), qual, fields.Filter.ToString(),
                Text(fields.Value(RecordLine.Func, i)), Text(fields.Value(RecordLine.Gene, i)), Text(fields.Value(RecordLine.GeneDetail, i)),
                Text(fields.Value(RecordLine.ExonicFunc, i)), Text(fields.Value(RecordLine.AAChange, i)), Text(fields.Value(RecordLine.CytoBand, i)),
                Text(fields.Value(RecordLine.Gwas, i)), Text(fields.Value(RecordLine.BuildCheck, i))));
        }

        return rows;
    }

    internal static double? Qual(ReadOnlySpan<char> text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : null;

    /// <summary>An INFO value for display: null when absent, escapes undone.</summary>
    internal static string? Text(ReadOnlySpan<char> value) => value.IsEmpty ? null : Unescape(value.ToString());

    /// <summary>The first rsID in an ID column (<c>rs123;COSM1</c> → <c>rs123</c>), or null.</summary>
    public static string? RsId(string? id)
    {
        if (id is null)
        {
            return null;
        }

        foreach (var part in id.Split(';'))
        {
            if (HasRsId(part))
            {
                return part;
            }
        }

        return null;
    }

    /// <summary>True when an ID column holds an rsID.</summary>
    internal static bool HasRsId(ReadOnlySpan<char> id)
    {
        foreach (var part in id.Split(';'))
        {
            var text = id[part];
            if (text.Length > 2 && text.StartsWith("rs", StringComparison.OrdinalIgnoreCase) && text[2..].IndexOfAnyExceptInRange('0', '9') < 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>As above over the ID column's UTF-8 (an rsID is ASCII: other bytes never match).</summary>
    internal static bool HasRsId(ReadOnlySpan<byte> id)
    {
        if (id.Length < 3)
        {
            return false; // "." mostly: no room for "rs" and a digit
        }

        while (true)
        {
            var end = id.IndexOf((byte)';');
            var part = end < 0 ? id : id[..end];
            if (part.Length > 2 && (part[0] | 0x20) == 'r' && (part[1] | 0x20) == 's' && part[2..].IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0)
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }

            id = id[(end + 1)..];
        }
    }

    /// <summary>table_annovar's escapes undone for display: <c>\x3b</c> → <c>;</c>, <c>\x3d</c> → <c>=</c>, <c>\x2c</c> → <c>,</c>.</summary>
    public static string Unescape(string value) => value.Contains("\\x", StringComparison.Ordinal)
        ? value.Replace("\\x3b", ";", StringComparison.OrdinalIgnoreCase)
            .Replace("\\x3d", "=", StringComparison.OrdinalIgnoreCase)
            .Replace("\\x2c", ",", StringComparison.OrdinalIgnoreCase)
        : value;

    /// <summary>
    /// <see cref="Unescape(string)"/> without a string: the text as displayed, in <paramref name="buffer"/> (grown when short)
    /// or, when there is nothing to undo, the value itself. With <paramref name="keepCommas"/> a <c>\x2c</c> stays: in a list
    /// of GWAS traits it is a comma inside one trait, not one between two, and the list is split before it is undone.
    /// </summary>
    internal static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> value, ref char[] buffer, bool keepCommas = false)
    {
        if (!value.Contains("\\x", StringComparison.Ordinal))
        {
            return value;
        }

        if (buffer.Length < value.Length)
        {
            buffer = new char[Math.Max(value.Length, buffer.Length * 2)];
        }

        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var escape = value.Length - i >= 4 && value[i] == '\\' && value[i + 1] == 'x' ? value.Slice(i + 2, 2) : default;
            char? plain = escape.Equals("3b", StringComparison.OrdinalIgnoreCase) ? ';'
                : escape.Equals("3d", StringComparison.OrdinalIgnoreCase) ? '='
                : !keepCommas && escape.Equals("2c", StringComparison.OrdinalIgnoreCase) ? ',' : null;
            if (plain is { } c)
            {
                buffer[n++] = c;
                i += 3;
            }
            else
            {
                buffer[n++] = value[i];
            }
        }

        return buffer.AsSpan(0, n);
    }

    private static string? Attribute(string line, string name)
    {
        var start = line.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += name.Length + 2;
        var end = line.IndexOf('"', start);
        return end < 0 ? null : line[start..end];
    }
}
