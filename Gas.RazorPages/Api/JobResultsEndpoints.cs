using System.Security.Claims;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.Validation;
using Gas.Core.VariantIndex;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace Gas.RazorPages.Api;

/// <summary>The variant table's query, named as the page names it, so the OpenAPI document lists each parameter.</summary>
public sealed record ApiVariantQuery(
    [property: FromQuery(Name = "func")] string[]? Func,
    [property: FromQuery(Name = "exonicfunc")] string[]? ExonicFunc,
    [property: FromQuery(Name = "gene")] string? Gene,
    [property: FromQuery(Name = "chrom")] string? Chrom,
    [property: FromQuery(Name = "region")] string? Region,
    [property: FromQuery(Name = "gwas")] string? Gwas,
    [property: FromQuery(Name = "known")] string? Known,
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "sort")] string? Sort,
    [property: FromQuery(Name = "page")] int? Page,
    [property: FromQuery(Name = "pageSize")] int? PageSize)
{
    public IQueryCollection ToQuery() => new QueryCollection(new Dictionary<string, StringValues>
    {
        ["func"] = Func ?? [], ["exonicfunc"] = ExonicFunc ?? [], ["gene"] = Gene, ["chrom"] = Chrom, ["region"] = Region,
        ["gwas"] = Gwas, ["known"] = Known, ["q"] = Q, ["sort"] = Sort,
        ["page"] = Page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });
}

/// <summary>A job's summary, variants and downloads, under the same tier rules as the job page (<see cref="ResultsAvailability"/>).</summary>
public static class JobResultsEndpoints
{
    public const int DefaultVariantPageSize = 50;
    public const int MaxVariantPageSize = 500;

    /// <summary>How long a download link works, as on the pages.</summary>
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(2);

    public static RouteGroupBuilder MapJobResults(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{id}/summary", SummaryAsync)
            .WithSummary("What the job found (the job page's summary) and its input's validation report")
            .Produces<ApiJobSummary>().ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/jobs/{id}/variants", VariantsAsync)
            .WithSummary("The job's variants, one row per ALT allele, filtered, sorted and paged as on the variant table page")
            .Produces<ApiVariantPage>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/jobs/{id}/results", ResultsAsync)
            .WithSummary("Redirects (302) to a short-lived signed URL of the annotated VCF")
            .Produces(StatusCodes.Status302Found).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/jobs/{id}/log", LogAsync)
            .WithSummary("Redirects (302) to a short-lived signed URL of the job's log")
            .Produces(StatusCodes.Status302Found).ProducesProblem(404).ProducesProblem(409);
        return api;
    }

    private static async Task<IResult> SummaryAsync(
        string id, ClaimsPrincipal user, HttpRequest request, JobAccess access, ResultsAvailability availability, ResultsIndexStore indexes,
        IObjectStore objects, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(user, id, ct);
        if (job is null)
        {
            return JobsEndpoints.NoSuchJob(id);
        }

        if (!job.IsFinished)
        {
            return ApiProblems.Problem(409, $"The job is {job.Status.ToStoredName()}; its summary is ready once it has finished.");
        }

        ApiResultsSummary? results = null;
        if (availability.For(job, user.IsPremium()) != ResultsAccess.NotReady && await indexes.OpenAsync(job, needVariants: false, ct) is { } lease)
        {
            using (lease)
            {
                results = ApiResultsSummary.From(lease.Index.Info.ForJobBuild(job.GenomeBuild), lease.Index.Summary(new VariantFilter()));
            }
        }

        var report = await ValidationReports.ReadAsync(objects, job, ct);
        var validation = report is null ? null : ApiValidation.From(report, ApiRoutes.Absolute(request, ApiRoutes.Job(job.JobId) + "/log"));
        return TypedResults.Ok(new ApiJobSummary(job.JobId, job.Status.ToStoredName(), results, validation));
    }

    private static async Task<IResult> VariantsAsync(
        string id, [AsParameters] ApiVariantQuery parameters, ClaimsPrincipal user, HttpRequest request, JobAccess access,
        ResultsAvailability availability, ResultsIndexStore indexes, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(user, id, ct);
        if (job is null)
        {
            return JobsEndpoints.NoSuchJob(id);
        }

        if (Refusal(job, availability.For(job, user.IsPremium()), request, "variants") is { } refused)
        {
            return refused;
        }

        var query = VariantTableQuery.Parse(parameters.ToQuery());
        var pageSize = parameters.PageSize ?? DefaultVariantPageSize;
        if (query.Problems.Count > 0 || pageSize is < 1 or > MaxVariantPageSize || parameters.Page is < 1)
        {
            return ApiProblems.Problem(400, string.Join(" ", query.Problems.Append(
                pageSize is < 1 or > MaxVariantPageSize ? $"pageSize is 1 to {MaxVariantPageSize}." : "").Append(
                parameters.Page is < 1 ? "page starts at 1." : "")).Trim());
        }

        using var lease = await indexes.OpenAsync(job, needVariants: true, ct);
        if (lease is null)
        {
            return ApiProblems.Problem(410, "The variants of this job cannot be read: its results are missing from storage.");
        }

        var page = lease.Index.Page(query.Filter, query.Sort, query.Page, pageSize);
        return TypedResults.Ok(new ApiVariantPage(page.Rows, page.Page, page.PageSize, page.Total, page.Page < page.PageCount));
    }

    private static async Task<IResult> ResultsAsync(
        string id, ClaimsPrincipal user, HttpRequest request, JobAccess access, ResultsAvailability availability, IObjectStore objects, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(user, id, ct);
        if (job is null)
        {
            return JobsEndpoints.NoSuchJob(id);
        }

        if (Refusal(job, availability.For(job, user.IsPremium()), request, "results") is { } refused)
        {
            return refused;
        }

        if (job.ResultsBucket is null || string.IsNullOrEmpty(job.ResultKey))
        {
            return ApiProblems.Problem(409, "The results are not ready yet.");
        }

        var url = await objects.GetDownloadUrlAsync(job.ResultsBucket, job.ResultKey, FileNameOf(job.ResultKey), LinkLifetime, ct);
        return TypedResults.Redirect(ApiRoutes.Absolute(request, url).ToString());
    }

    /// <summary>The log, for a failed job too; it stays available whatever happens to the results.</summary>
    private static async Task<IResult> LogAsync(
        string id, ClaimsPrincipal user, HttpRequest request, JobAccess access, IObjectStore objects, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(user, id, ct);
        if (job is null)
        {
            return JobsEndpoints.NoSuchJob(id);
        }

        if (!job.IsFinished || job.ResultsBucket is null || job.LogKey is null)
        {
            return ApiProblems.Problem(409, $"The job is {job.Status.ToStoredName()}; its log is available once it has finished.");
        }

        var url = await objects.GetDownloadUrlAsync(job.ResultsBucket, job.LogKey, FileNameOf(job.LogKey), LinkLifetime, ct);
        return TypedResults.Redirect(ApiRoutes.Absolute(request, url).ToString());
    }

    /// <summary>Why the results cannot be had now, as the pages decide it; null when they can.</summary>
    private static ProblemHttpResult? Refusal(AnnotationJob job, ResultsAccess state, HttpRequest request, string what) => state switch
    {
        ResultsAccess.Downloadable => null,
        ResultsAccess.UpgradeRequired => ApiProblems.UpgradeRequired(request, StatusCodes.Status403Forbidden,
            $"Free results can be downloaded for a limited time after the job completes; these {what} are no longer available on the Free plan. Upgrade to Premium to get them."),
        ResultsAccess.BeingRestored => ApiProblems.Problem(409, $"These results are being restored from the archive; the {what} are available again once they are back."),
        _ => ApiProblems.Problem(409, $"The job is {job.Status.ToStoredName()}; its {what} are available once it has completed."),
    };

    private static string FileNameOf(string key) => key[(key.LastIndexOf('~') + 1)..];
}
