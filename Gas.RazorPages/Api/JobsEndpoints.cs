using System.Security.Claims;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Jobs;
using Gas.RazorPages.Plans;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Api;

/// <summary>Uploading, creating, listing, reading and re-annotating jobs; the same services and rules as the pages.</summary>
public static class JobsEndpoints
{
    public const int MaxListPageSize = 100;
    public const int MaxListPage = 1000;

    public static RouteGroupBuilder MapJobs(this RouteGroupBuilder api)
    {
        api.MapPost("/jobs/uploads", CreateUploadAsync)
            .WithSummary("A form to upload one input file to the object store")
            .WithDescription("POST every field, then the file as part 'file' (last) to 'url'. Any 2xx means the file is stored under 'key'; then create the job. Free accounts' forms refuse files over 'maxBytes'.")
            .Produces<ApiUploadForm>().ProducesProblem(400);
        api.MapPost("/jobs", CreateJobAsync)
            .WithSummary("Creates a job from an uploaded file")
            .Produces<ApiJob>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(404).ProducesProblem(413);
        api.MapGet("/jobs", ListJobsAsync)
            .WithSummary("The caller's jobs, newest first, optionally only those whose name or file name contains q")
            .Produces<ApiJobList>().ProducesProblem(400);
        api.MapGet("/jobs/{id}", GetJobAsync)
            .WithSummary("One job")
            .Produces<ApiJob>().ProducesProblem(404);
        api.MapPost("/jobs/{id}/reannotate", ReannotateAsync)
            .WithSummary("Annotates a finished job's input again, as a new job")
            .Produces<ApiJob>(StatusCodes.Status201Created).ProducesProblem(404).ProducesProblem(409).ProducesProblem(410).ProducesProblem(413);
        return api;
    }

    private static async Task<IResult> CreateUploadAsync(ApiUploadRequest? body, ClaimsPrincipal user, HttpRequest request, JobSubmission submission, CancellationToken ct)
    {
        if (!JobSubmission.IsAcceptableFileName(body?.FileName))
        {
            return ApiProblems.Problem(400, "fileName must be a plain file name (no folders or control characters), at most 200 characters.");
        }

        var form = await submission.CreateClientFormAsync(JobAccess.UserId(user)!, user.IsPremium(), body!.FileName!, ct);
        return TypedResults.Ok(new ApiUploadForm(ApiRoutes.Absolute(request, form.Post.Url), form.Post.Fields, form.Key, form.MaxBytes, form.ExpiresAt));
    }

    private static async Task<IResult> CreateJobAsync(
        ApiCreateJobRequest? body, ClaimsPrincipal user, HttpRequest request, JobSubmission submission, IJobStore jobs,
        ResultsAvailability availability, PlanWords plans, IOptions<StorageOptions> storage, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Key))
        {
            return ApiProblems.Problem(400, "key is required: the 'key' of the upload form the file was posted with.");
        }

        if (!JobSubmission.TryParseBuild(body.Build, out var genomeBuild) || body.Build == JobSubmission.DetectBuild)
        {
            return ApiProblems.Problem(400, "build must be GRCh37, GRCh38, or null (detect it from the file's header).");
        }

        var (error, jobId) = await submission.SubmitAsync(JobAccess.UserId(user)!, user.IsPremium(), storage.Value.InputsBucket, body.Key, genomeBuild, body.Name, ct);
        switch (error)
        {
            case SubmissionError.TooLarge:
                return ApiProblems.UpgradeRequired(request, StatusCodes.Status413PayloadTooLarge,
                    $"Free accounts can annotate files up to {plans.FreeMaxInput}. Upgrade to Premium to annotate this file; the upload was deleted.");
            case SubmissionError.MissingUpload:
                return ApiProblems.Problem(400, "Nothing was uploaded under this key (or the upload has expired). Upload the file again.");
            case SubmissionError.NotYourUpload:
                return ApiProblems.Problem(404, "No upload of yours has this key.");
        }

        var job = await jobs.GetAsync(jobId!, ct);
        return job is null
            ? ApiProblems.Problem(404, "No upload of yours has this key.")
            : TypedResults.Created(ApiRoutes.Job(job.JobId), ApiJob.From(job, availability.For(job, user.IsPremium()) == ResultsAccess.Downloadable));
    }

    private static async Task<IResult> ListJobsAsync(
        ClaimsPrincipal user, IJobStore jobs, ResultsAvailability availability, CancellationToken ct, int page = 1, int pageSize = 20, string? q = null)
    {
        if (page < 1 || page > MaxListPage || pageSize < 1 || pageSize > MaxListPageSize)
        {
            return ApiProblems.Problem(400, $"page is 1 to {MaxListPage}, pageSize 1 to {MaxListPageSize}.");
        }

        var userId = JobAccess.UserId(user)!;
        var search = JobNames.SearchTerm(q) is null ? null : q!.Trim();
        string? token = null;
        for (var current = 1; ; current++)
        {
            JobPage result;
            try
            {
                result = search is null
                    ? await jobs.ListByUserAsync(userId, pageSize, token, ct)
                    : await jobs.SearchByUserAsync(userId, search, pageSize, token, ct);
            }
            catch (ArgumentException)
            {
                return ApiProblems.Problem(400, "The search could not be run; try other words.");
            }

            if (current == page || result.NextPageToken is null)
            {
                var items = current == page ? result.Jobs : [];
                var premium = user.IsPremium();
                return TypedResults.Ok(new ApiJobList(
                    [.. items.Select(j => ApiJob.From(j, availability.For(j, premium) == ResultsAccess.Downloadable))],
                    page, pageSize, current == page && result.NextPageToken is not null));
            }

            token = result.NextPageToken;
        }
    }

    private static async Task<IResult> GetJobAsync(string id, ClaimsPrincipal user, JobAccess access, ResultsAvailability availability, CancellationToken ct) =>
        await access.FindOwnAsync(user, id, ct) is { } job
            ? TypedResults.Ok(ApiJob.From(job, availability.For(job, user.IsPremium()) == ResultsAccess.Downloadable))
            : NoSuchJob(id);

    private static async Task<IResult> ReannotateAsync(
        string id, ApiReannotateRequest? body, ClaimsPrincipal user, HttpRequest request, JobAccess access, Reannotation reannotation,
        IJobStore jobs, ResultsAvailability availability, PlanWords plans, CancellationToken ct)
    {
        var job = await access.FindOwnAsync(user, id, ct);
        if (job is null)
        {
            return NoSuchJob(id);
        }

        if (!JobSubmission.TryParseBuild(body?.Build, out var genomeBuild) || body?.Build == JobSubmission.DetectBuild)
        {
            return ApiProblems.Problem(400, "build must be GRCh37, GRCh38, or null (detect it from the file's header).");
        }

        if (!job.IsFinished)
        {
            return ApiProblems.Problem(409, "This job has not finished yet; it can be annotated again once it has.");
        }

        var (error, newJobId) = await reannotation.SubmitAsync(job, user.IsPremium(), genomeBuild, ct);
        switch (error)
        {
            case ReannotationError.TooLarge:
                return ApiProblems.UpgradeRequired(request, StatusCodes.Status413PayloadTooLarge,
                    $"This input is larger than the Free plan allows ({plans.FreeMaxInput}). Upgrade to Premium to annotate it again.");
            case ReannotationError.InputGone:
                return ApiProblems.Problem(410, $"The input file {job.InputFileName} is no longer in storage; upload it again to annotate it.");
        }

        var created = await jobs.GetAsync(newJobId!, ct);
        return created is null
            ? ApiProblems.Problem(500, "The new job could not be read back; list your jobs to find it.")
            : TypedResults.Created(ApiRoutes.Job(created.JobId), ApiJob.From(created, false));
    }

    internal static IResult NoSuchJob(string id) => ApiProblems.Problem(404, $"You have no job {id}.");
}
