using System.Globalization;
using System.Text;

namespace Gas.Annotator.Engine.Validation;

/// <summary>
/// Checks the meta lines (§1.4) and the header line (§1.5) once <see cref="VcfHeader"/> has accepted them, and keeps what they declare
/// for the records' checks. Header lines are few, so this side works on strings (Latin-1, one char per byte).
/// </summary>
internal sealed partial class HeaderValidator(VcfValidation run, FindingTally findings)
{
    private static readonly HashSet<string> _keysWithIds = new(StringComparer.Ordinal) { "INFO", "FORMAT", "FILTER", "ALT", "contig", "SAMPLE" };
    private readonly Dictionary<(string Key, string Id), long> _declaredOn = [];

    public HeaderDefinitions Definitions { get; } = new();

    /// <summary>The rules to apply; VCF 4.2's until the ##fileformat line says otherwise.</summary>
    public VcfVersion Version { get; private set; } = VcfVersion.Parse("VCFv4.2");

    public string? DeclaredVersion { get; private set; }
    public bool Done { get; private set; }

    /// <summary>The line number of the #CHROM line.</summary>
    public long ColumnsLine { get; private set; }

    /// <summary>Sample names from the header line, for messages.</summary>
    public string[] Samples { get; private set; } = [];

    /// <summary>A <c>##</c> line; line 1 is <c>##fileformat=VCF…</c> (<see cref="VcfHeader"/> has checked that).</summary>
    public void Meta(ReadOnlySpan<byte> line, long lineNumber)
    {
        if (!run.Enabled)
        {
            return;
        }

        var text = Encoding.Latin1.GetString(line[2..]);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (lineNumber == 1)
        {
            DeclaredVersion = VcfValidation.Text(text[(equals + 1)..]);
            Version = VcfVersion.Parse(DeclaredVersion);
            if (Version.UnknownBecause is { } why && findings.Broke(VcfRules.FileformatVersion, 1))
            {
                findings.Say(why);
            }

            return;
        }

        if (equals <= 0)
        {
            Warn(VcfRules.MetaSyntax, lineNumber, $"the meta line '##{Shown(text)}' is not ##key=value.");
            return;
        }

        var key = text[..equals];
        var value = text[(equals + 1)..];
        if (key == "fileformat")
        {
            Warn(VcfRules.FileformatRepeated, lineNumber, "a second ##fileformat line; the first line alone names the version.");
        }
        else if (value.StartsWith('<'))
        {
            Structured(key, value, lineNumber);
        }
        else if (Version.Legacy && key is "INFO" or "FORMAT" or "FILTER")
        {
            Legacy(key, value);
        }
        else if (_keysWithIds.Contains(key))
        {
            Warn(VcfRules.MetaSyntax, lineNumber, $"##{key} needs a structured value <ID=…,…>, not '{Shown(value)}'.");
        }
    }

    /// <summary>The <c>#CHROM</c> line, already checked for its eight fixed columns.</summary>
    public void Columns(ReadOnlySpan<byte> line, long lineNumber)
    {
        Done = true;
        ColumnsLine = lineNumber;
        if (!run.Enabled)
        {
            return;
        }

        var columns = VcfValidation.Text(Encoding.Latin1.GetString(line)).Split('\t');
        if (columns.Length <= 8)
        {
            return;
        }

        if (columns[8] != "FORMAT")
        {
            Warn(VcfRules.HeaderSamples, lineNumber, $"the ninth column is '{Shown(columns[8])}'; after INFO comes FORMAT, then the samples.");
        }

        Samples = columns[9..];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Samples.Length; i++)
        {
            if (!seen.TryAdd(Samples[i], i + 10))
            {
                Warn(VcfRules.HeaderSamples, lineNumber,
                    $"sample '{Shown(Samples[i])}' names columns {seen[Samples[i]].ToString(CultureInfo.InvariantCulture)} and {(i + 10).ToString(CultureInfo.InvariantCulture)}; sample names are unique.");
            }
        }
    }

    private void Structured(string key, string value, long lineNumber)
    {
        var fields = StructuredValue.Parse(value, out var problem);
        if (fields is null)
        {
            Warn(VcfRules.MetaSyntax, lineNumber, $"##{key}: {problem}.");
            return;
        }

        var id = fields.Find(f => f.Key == "ID").Value;
        if (string.IsNullOrEmpty(id))
        {
            if (Version.Strict || _keysWithIds.Contains(key))
            {
                Warn(VcfRules.MetaIdMissing, lineNumber, $"the ##{key} line has no ID.");
            }

            return;
        }

        if (!_declaredOn.TryAdd((key, id), lineNumber))
        {
            Warn(VcfRules.MetaIdDuplicate, lineNumber,
                $"##{key} ID '{Shown(id)}' was already declared on line {_declaredOn[(key, id)].ToString(CultureInfo.InvariantCulture)}.");
            return;
        }

        switch (key)
        {
            case "INFO" or "FORMAT":
                Field(key, id, fields, lineNumber);
                break;
            case "FILTER":
                Described(key, id, fields, lineNumber, quoted: true);
                Definitions.AddFilter(id);
                break;
            case "ALT":
                Described(key, id, fields, lineNumber, quoted: Version.Strict);
                Definitions.AddAlt(id);
                break;
            case "contig":
                Contig(id, fields, lineNumber);
                break;
        }
    }

    private void Contig(string id, List<MetaField> fields, long lineNumber)
    {
        if (Names.ContigProblem(Encoding.Latin1.GetBytes(id), Version, isChrom: false) is { } why)
        {
            Warn(VcfRules.ContigName, lineNumber, $"contig ID '{Shown(id)}' {why}.");
        }

        long length = 0;
        var declared = fields.Find(f => f.Key == "length").Value;
        if (declared is not null && (!long.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out length) || length <= 0))
        {
            Warn(VcfRules.ContigLength, lineNumber, $"contig '{Shown(id)}' has length '{Shown(declared)}', not a positive integer.");
            length = 0;
        }

        Definitions.AddContig(id, length);
    }

    private void Described(string key, string id, List<MetaField> fields, long lineNumber, bool quoted)
    {
        var description = fields.Find(f => f.Key == "Description");
        if (description.Key is null)
        {
            Warn(VcfRules.MetaRequiredFields, lineNumber, $"##{key} ID '{Shown(id)}' has no Description.");
        }
        else if (quoted && !description.Quoted)
        {
            Warn(VcfRules.MetaDescription, lineNumber, $"the Description of ##{key} ID '{Shown(id)}' is not in double quotes.");
        }
    }

    private void Warn(VcfRule rule, long lineNumber, string message)
    {
        if (findings.Broke(rule, lineNumber))
        {
            findings.Say(VcfValidation.Text(message));
        }
    }

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
