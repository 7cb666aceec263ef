using Gas.Core.Validation;

namespace Gas.Annotator.Engine;

/// <summary>Annotates one VCF stream into another, writing a human-readable log.</summary>
public interface IAnnotationEngine
{
    /// <summary>
    /// Streams <paramref name="input"/> (a seekable plain, gzip or BGZF VCF, in UTF-8 or UTF-16) to <paramref name="output"/> as
    /// annotated VCF, reading no more than <paramref name="limits"/> allow. Every loop observes <paramref name="ct"/>.
    /// </summary>
    /// <exception cref="RejectedInputException">
    /// The input is not valid VCF (<see cref="VcfFormatException"/>, naming the line), is larger than the plan allows, or is
    /// truncated or corrupt; retrying will not help.
    /// </exception>
    Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, CancellationToken ct = default);

    /// <summary>As above, against the genome build the job asked for: <c>GRCh37</c>, <c>GRCh38</c>, or null to detect it from the header.</summary>
    /// <exception cref="GenomeBuildRefusedException">The input is on a build this annotator cannot annotate (also a <see cref="RejectedInputException"/>).</exception>
    Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, AnnotationLimits limits, string? genomeBuild, CancellationToken ct = default) =>
        AnnotateAsync(input, output, log, limits, ct);
}

/// <summary>Calls without a plan's limits: the command line, warm-up and tests.</summary>
public static class AnnotationEngineExtensions
{
    public static Task<AnnotationSummary> AnnotateAsync(this IAnnotationEngine engine, Stream input, Stream output, TextWriter log, CancellationToken ct = default) =>
        engine.AnnotateAsync(input, output, log, AnnotationLimits.Unlimited, ct);

    /// <summary>Without a plan's limits, against a chosen build (or null to detect it).</summary>
    public static Task<AnnotationSummary> AnnotateAsync(this IAnnotationEngine engine, Stream input, Stream output, TextWriter log, string? genomeBuild, CancellationToken ct = default) =>
        engine.AnnotateAsync(input, output, log, AnnotationLimits.Unlimited, genomeBuild, ct);
}

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

    /// <summary>What validating the input against the VCF specification found (warnings; the errors fail the run instead).</summary>
    public ValidationReport? Validation { get; init; }
}
