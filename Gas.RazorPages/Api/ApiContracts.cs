using Gas.Core.Jobs;
using Gas.Core.Validation;
using Gas.Core.VariantIndex;

namespace Gas.RazorPages.Api;

/// <summary>A job as the API shows it; times are UTC.</summary>
public sealed record ApiJob(
    string Id, string? Name, string InputFileName, string Status, DateTimeOffset SubmittedAt, DateTimeOffset? CompletedAt,
    string? GenomeBuild, long? VariantCount, string? FailureReason, string ArchiveState, bool ResultsAvailable)
{
    public static ApiJob From(AnnotationJob job, bool resultsAvailable) => new(
        job.JobId, job.JobName, job.InputFileName, job.Status.ToStoredName(), DateTimeOffset.FromUnixTimeSeconds(job.SubmitTime),
        job.CompleteTime is { } done ? DateTimeOffset.FromUnixTimeSeconds(done) : null,
        job.GenomeBuild, job.VariantCount, job.FailureReason, job.ArchiveState.ToString().ToUpperInvariant(), resultsAvailable);
}

/// <summary>One page of the caller's jobs, newest first.</summary>
public sealed record ApiJobList(IReadOnlyList<ApiJob> Items, int Page, int PageSize, bool HasMore);

/// <summary>Asks for an upload form for one file.</summary>
public sealed record ApiUploadRequest(string? FileName);

/// <summary>
/// A form to POST the file to: every field in <see cref="Fields"/> (the key already final), then the file as part
/// <c>file</c>, last. Any 2xx answer means the file is stored under <see cref="Key"/>.
/// </summary>
public sealed record ApiUploadForm(Uri Url, IReadOnlyDictionary<string, string> Fields, string Key, long MaxBytes, DateTimeOffset ExpiresAt);

/// <summary>Makes a job from an uploaded file; <see cref="Build"/> is GRCh37, GRCh38, or null to detect it from the file.</summary>
public sealed record ApiCreateJobRequest(string? Key, string? Name, string? Build);

/// <summary>Annotates a finished job's input again as a new job, with the build chosen again (null: detect).</summary>
public sealed record ApiReannotateRequest(string? Build);

/// <summary>What the job page's summary shows, and the validation report; either is null when the job has none.</summary>
public sealed record ApiJobSummary(string Id, string Status, ApiResultsSummary? Results, ApiValidation? Validation);

/// <summary>The results index's account of the run (the job page's summary).</summary>
public sealed record ApiResultsSummary(
    string Build, string UcscName, bool BuildAssumed, string? BuildWarning, long Records, long Alleles, long Known, long Novel,
    long GwasHits, long BuildFlagged, IReadOnlyList<LabelCount> Funcs, IReadOnlyList<LabelCount> ExonicFuncs,
    IReadOnlyList<LabelCount> Chromosomes, IReadOnlyList<LabelCount> TopGenes, IReadOnlyList<LabelCount> GwasTraits)
{
    public static ApiResultsSummary From(ResultsIndexInfo info, ResultsSummary summary) => new(
        info.Build, info.UcscName, info.BuildAssumed, info.BuildWarning, info.Records, info.Alleles, summary.Known, summary.Novel,
        summary.GwasHits, summary.BuildFlagged, summary.Funcs, summary.ExonicFuncs, summary.Chromosomes, summary.TopGenes, summary.GwasTraits);
}

/// <summary>The validation report: counts by kind (rule) and level, with each rule's first lines; the log has the rest.</summary>
public sealed record ApiValidation(
    string Rules, string? DeclaredVersion, long Records, bool Complete, long Errors, long Warnings,
    IReadOnlyList<ApiValidationFinding> Findings, IReadOnlyList<string> Notes, Uri Log)
{
    public static ApiValidation From(ValidationReport report, Uri log) => new(
        report.Rules, report.DeclaredVersion, report.Records, report.Complete, report.Errors, report.Warnings,
        [.. report.Findings.Select(f => new ApiValidationFinding(f.Rule, f.Level.ToString().ToLowerInvariant(), f.Title, f.Specification, f.Count,
            [.. f.First.Select(l => new ApiValidationLine(l.Line, l.Message))]))],
        report.Notes, log);
}

/// <summary>One kind of violation: how often it occurred and its first lines.</summary>
public sealed record ApiValidationFinding(string Rule, string Level, string Title, string Specification, long Count, IReadOnlyList<ApiValidationLine> FirstLines);

/// <summary>A violation at a line of the input (null when it concerns the file as a whole).</summary>
public sealed record ApiValidationLine(long? Line, string Message);

/// <summary>One page of the variant table (one row per ALT allele), with how many alleles the filter matches.</summary>
public sealed record ApiVariantPage(IReadOnlyList<AlleleRow> Items, int Page, int PageSize, long Total, bool HasMore);
