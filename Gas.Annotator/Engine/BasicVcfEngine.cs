using System.Globalization;
using System.Text;

namespace Gas.Annotator.Engine;

/// <summary>
/// Validates and streams a VCF, tagging every record with <c>GAS_ANNOTATED</c> and counting variants.
/// The reference-backed engine replaces it where reference data is configured.
/// </summary>
public sealed class BasicVcfEngine(TimeProvider time, string? reason = null) : IAnnotationEngine
{

    private const string InfoHeader =
        "##INFO=<ID=GAS_ANNOTATED,Number=0,Type=Flag,Description=\"Record passed through the GAS annotator\">";

    public async Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        using var reader = await VcfReader.OpenAsync(input, ct);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

        long lineNumber = 0;
        long variants = 0;
        var sawHeader = false;
        var columns = 0;
        string? line;
        while ((line = await reader.ReadLineAsync(ct)) is not null)
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (lineNumber == 1 && !line.StartsWith("##fileformat=VCF", StringComparison.Ordinal))
            {
                throw new VcfFormatException(1, "a VCF file must start with a '##fileformat=VCFv4.x' line.");
            }

            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                await writer.WriteLineAsync(line.AsMemory(), ct);
                continue;
            }

            if (line.StartsWith('#'))
            {
                columns = ValidateHeader(line, lineNumber);
                sawHeader = true;
                await writer.WriteLineAsync(InfoHeader.AsMemory(), ct);
                await writer.WriteLineAsync(line.AsMemory(), ct);
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (!sawHeader)
            {
                throw new VcfFormatException(lineNumber, "a data line came before the '#CHROM' header line.");
            }

            var fields = line.Split('\t');
            ValidateRecord(fields, columns, lineNumber);
            fields[7] = fields[7] is "." or "" ? "GAS_ANNOTATED" : fields[7] + ";GAS_ANNOTATED";
            await writer.WriteLineAsync(string.Join('\t', fields).AsMemory(), ct);
            variants++;
        }

        if (!sawHeader)
        {
            throw new VcfFormatException(Math.Max(lineNumber, 1), "the '#CHROM' header line is missing.");
        }

        var elapsed = time.GetElapsedTime(started);
        await log.WriteLineAsync($"Engine: basic (validation and tagging; {reason ?? "no reference data configured"})");
        await log.WriteLineAsync("Sources: none");
        await log.WriteLineAsync($"Variants: {variants.ToString(CultureInfo.InvariantCulture)}");
        await log.WriteLineAsync($"Elapsed: {elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
        return new AnnotationSummary(variants, [reason is null
            ? "No reference data is configured: variants were validated but not annotated with genes."
            : $"No usable reference data ({reason}): variants were validated but not annotated with genes."]);
    }

    private static int ValidateHeader(string line, long lineNumber)
    {
        var names = line.Split('\t');
        string[] required = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"];
        if (names.Length < required.Length || !required.SequenceEqual(names.Take(required.Length), StringComparer.Ordinal))
        {
            throw new VcfFormatException(lineNumber, "the header line must be tab-separated '#CHROM POS ID REF ALT QUAL FILTER INFO'.");
        }

        return names.Length;
    }

    /// <summary>Checks the fixed columns the way a VCF 4.x reader would.</summary>
    public static void ValidateRecord(string[] fields, int headerColumns, long lineNumber)
    {
        if (fields.Length < 8)
        {
            throw new VcfFormatException(lineNumber, $"expected at least 8 tab-separated columns, found {fields.Length}.");
        }

        if (headerColumns > 0 && fields.Length != headerColumns)
        {
            throw new VcfFormatException(lineNumber, $"expected {headerColumns} columns as in the header line, found {fields.Length}.");
        }

        if (fields[0].Length == 0)
        {
            throw new VcfFormatException(lineNumber, "CHROM is empty.");
        }

        if (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pos) || pos < 0)
        {
            throw new VcfFormatException(lineNumber, $"POS '{fields[1]}' is not a non-negative integer.");
        }

        if (fields[3].Length == 0 || !fields[3].All(IsBase))
        {
            throw new VcfFormatException(lineNumber, $"REF '{fields[3]}' must be bases A, C, G, T or N.");
        }

        if (fields[4].Length == 0)
        {
            throw new VcfFormatException(lineNumber, "ALT is empty (use '.' for none).");
        }

        if (fields[5] != "." && !double.TryParse(fields[5], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw new VcfFormatException(lineNumber, $"QUAL '{fields[5]}' is not a number or '.'.");
        }
    }

    private static bool IsBase(char c) => c is 'A' or 'C' or 'G' or 'T' or 'N' or 'a' or 'c' or 'g' or 't' or 'n';
}
