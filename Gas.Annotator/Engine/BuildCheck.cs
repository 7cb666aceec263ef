using System.Globalization;
using System.Text.RegularExpressions;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// Decides from an input's header (<c>##reference</c>, <c>##contig</c>, tool command lines) which assembly it was called on,
/// and compares that with the reference tables (when given; without them it only reads the header's build).
/// </summary>
public sealed partial class BuildCheck(ReferenceData? reference)
{
    /// <summary>Plenty for any assembly's header (GRCh38 with its alternates and decoys declares about 3,400), and a bound for a hostile one.</summary>
    private const int MostContigs = 100_000;

    private readonly Dictionary<string, long> _declaredLengths = new(StringComparer.Ordinal);
    private GenomeBuild? _fromReferenceLine;
    private string? _referenceLine;
    private GenomeBuild? _fromOtherLines;
    private string? _otherLine;

    public GenomeBuild? InputBuild { get; private set; }
    public string? Evidence { get; private set; }

    public void AddMetaLine(string line)
    {
        if (line.StartsWith("##reference=", StringComparison.OrdinalIgnoreCase))
        {
            _referenceLine = Clip(line);
            _fromReferenceLine = GenomeBuild.FromText(line["##reference=".Length..]);
            return;
        }

        if (line.StartsWith("##contig=", StringComparison.OrdinalIgnoreCase))
        {
            var id = ContigId().Match(line);
            var length = ContigLength().Match(line);
            if (id.Success && length.Success && long.TryParse(length.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && _declaredLengths.Count < MostContigs)
            {
                _declaredLengths[ChromosomeNames.Normalize(id.Groups[1].Value)] = value;
            }

            var assembly = ContigAssembly().Match(line);
            if (assembly.Success && _fromOtherLines is null && GenomeBuild.FromText(assembly.Groups[1].Value) is { } build)
            {
                _fromOtherLines = build;
                _otherLine = Clip(line);
            }

            return;
        }

        if (_fromOtherLines is null && !line.StartsWith("##INFO", StringComparison.Ordinal) && !line.StartsWith("##FORMAT", StringComparison.Ordinal)
            && !line.StartsWith("##FILTER", StringComparison.Ordinal) && GenomeBuild.FromText(line, out var word) is { } hinted)
        {
            _fromOtherLines = hinted;
            _otherLine = Clip($"'{word}' in the {line[2..Math.Max(2, line.IndexOf('=', StringComparison.Ordinal))]} header line");
        }
    }

    /// <summary>Called at the <c>#CHROM</c> line; returns a warning when the header names another build than the reference's.</summary>
    public string? Conclude()
    {
        var fromContigs = _declaredLengths.Count > 0 ? GenomeBuild.FromContigLengths(_declaredLengths) : null;
        if (_fromReferenceLine is not null)
        {
            InputBuild = _fromReferenceLine;
            Evidence = _referenceLine;
        }
        else if (fromContigs is not null)
        {
            InputBuild = fromContigs;
            Evidence = "##contig lengths";
        }
        else if (_fromOtherLines is not null)
        {
            InputBuild = _fromOtherLines;
            Evidence = _otherLine;
        }

        var mismatched = _declaredLengths
            .Where(p => reference is not null && reference.ContigLengths.TryGetValue(p.Key, out var length) && length != p.Value)
            .Select(p => p.Key)
            .ToList();
        if (reference?.Build is { } referenceBuild && InputBuild is { } inputBuild && inputBuild != referenceBuild)
        {
            return $"The input looks like {inputBuild} (from {Evidence}) but the reference tables are {referenceBuild}: gene, band and GWAS annotations will be wrong. Lift the input over to {referenceBuild.Name} or use {inputBuild.UcscName} tables.";
        }

        if (mismatched.Count > 0)
        {
            return $"The input's ##contig lengths differ from the reference's for {string.Join(", ", mismatched.Take(5).Select(Clip))}{(mismatched.Count > 5 ? ", …" : "")}: it was probably called on another genome build.";
        }

        return null;
    }

    /// <summary>Evidence is quoted in warnings and on the job page: a header line can be a megabyte long.</summary>
    private static string Clip(string text) => text.Length <= 120 ? text : text[..120] + "…";

    [GeneratedRegex(@"[<,]ID=([^,>]+)")]
    private static partial Regex ContigId();

    [GeneratedRegex(@"[<,]length=(\d+)")]
    private static partial Regex ContigLength();

    [GeneratedRegex(@"[<,]assembly=""?([^,>""]+)")]
    private static partial Regex ContigAssembly();
}
