namespace Gas.Annotator.Engine;

/// <summary>Annotates one VCF stream into another, writing a human-readable log.</summary>
public interface IAnnotationEngine
{
    /// <summary>Streams <paramref name="input"/> (plain, gzip or BGZF VCF) to <paramref name="output"/> as annotated VCF.</summary>
    /// <exception cref="VcfFormatException">The input is not a valid VCF; the message names the line.</exception>
    Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, CancellationToken ct = default);

    /// <summary>As above, against the genome build the job asked for: <c>GRCh37</c>, <c>GRCh38</c>, or null to detect it from the header.</summary>
    /// <exception cref="GenomeBuildRefusedException">The input is on a build this annotator cannot annotate.</exception>
    Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, string? genomeBuild, CancellationToken ct = default) =>
        AnnotateAsync(input, output, log, ct);
}

/// <summary>The input is on a genome build GAS has no reference for (or the chosen build is not installed); the message says which and what to do.</summary>
public sealed class GenomeBuildRefusedException(string message) : Exception(message);

/// <summary>What an annotation run did; <see cref="Warnings"/> are shown to the user on the job page.</summary>
public sealed record AnnotationSummary(long Variants, IReadOnlyList<string> Warnings)
{
    /// <summary>The reference tables the run joined against (empty when none is configured), for the log and the job page.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Set when the input looks like another genome build than the reference; also one of <see cref="Warnings"/>.</summary>
    public string? BuildWarning { get; init; }

    /// <summary>Alleles per Func.refGene class (exonic, intronic, …).</summary>
    public IReadOnlyDictionary<string, long> ClassCounts { get; init; } = new Dictionary<string, long>();

    /// <summary>The build annotated against (<c>GRCh37</c>, <c>GRCh38</c>), or null when no reference was used.</summary>
    public string? GenomeBuild { get; init; }

    /// <summary>Why that build: chosen on upload, detected from a header line, or the default.</summary>
    public string? GenomeBuildReason { get; init; }
}

/// <summary>A user's input is not valid VCF; <see cref="LineNumber"/> is 1-based.</summary>
public sealed class VcfFormatException(long lineNumber, string problem)
    : FormatException($"Line {lineNumber}: {problem}")
{
    public long LineNumber { get; } = lineNumber;
    public string Problem { get; } = problem;
}
