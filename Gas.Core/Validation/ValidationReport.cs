using System.Text.Json.Serialization;

namespace Gas.Core.Validation;

/// <summary>How much a broken rule matters: an error stops the job, a warning is reported and the record annotated.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FindingLevel>))]
public enum FindingLevel
{
    Error,
    Warning,
}

/// <summary>One line a rule was broken on, and what was wrong there; <see cref="Line"/> is null for faults of the whole file.</summary>
public sealed record FindingLine(long? Line, string Message);

/// <summary>Everything one rule found in a file: how often, and the first lines it found.</summary>
/// <param name="Rule">The rule's stable id, e.g. <c>info-undeclared</c>.</param>
/// <param name="Title">What the rule asks, in a sentence.</param>
/// <param name="Specification">Where the VCF specification says so, e.g. <c>VCF 4.3 §1.6.1 (INFO)</c>.</param>
/// <param name="Count">How many times it was broken (records, or header lines).</param>
/// <param name="First">The first lines, in file order (a few on the job page, more in the log).</param>
public sealed record RuleFindings(string Rule, FindingLevel Level, string Title, string Specification, long Count, IReadOnlyList<FindingLine> First);

/// <summary>
/// What validating an input against the VCF specification found: the version whose rules were applied, and per broken rule its
/// count and first lines. Stored with the job (<see cref="ValidationReports"/>) for the job page, the log and the API.
/// </summary>
public sealed record ValidationReport
{
    /// <summary>How many lines of each rule the job page and the API show.</summary>
    public const int ShownLinesPerRule = 5;

    /// <summary>The rules applied, e.g. <c>VCF 4.2</c>; <c>none</c> when validation is turned off.</summary>
    public required string Rules { get; init; }

    /// <summary>The version the file declares (<c>VCFv4.2</c>), or null when it declares none.</summary>
    public string? DeclaredVersion { get; init; }

    /// <summary>Records checked.</summary>
    public long Records { get; init; }

    /// <summary>False when an error stopped the check before the end of the input.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>Broken rules, errors first, then warnings by their first line.</summary>
    public IReadOnlyList<RuleFindings> Findings { get; init; } = [];

    /// <summary>Limits of the check itself, e.g. how many IDs the duplicate check could hold.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public long Errors => Findings.Where(f => f.Level == FindingLevel.Error).Sum(f => f.Count);

    public long Warnings => Findings.Where(f => f.Level == FindingLevel.Warning).Sum(f => f.Count);

    /// <summary>The error that stopped the job, if one did.</summary>
    [JsonIgnore]
    public RuleFindings? Error => Findings.FirstOrDefault(f => f.Level == FindingLevel.Error);

    /// <summary>The same report with at most <paramref name="linesPerRule"/> lines per rule: what is stored and shown.</summary>
    public ValidationReport WithLinesPerRule(int linesPerRule) => this with
    {
        Findings = Findings.Select(f => f.First.Count <= linesPerRule ? f : f with { First = f.First.Take(linesPerRule).ToArray() }).ToArray(),
    };
}
