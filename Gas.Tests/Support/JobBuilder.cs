using Gas.Core.Jobs;

namespace Gas.Tests.Support;

/// <summary>Test jobs with sensible defaults; change only what the test is about.</summary>
public sealed class JobBuilder
{
    private AnnotationJob _job;

    public JobBuilder(string? userId = null)
    {
        var jobId = Guid.NewGuid().ToString();
        var user = userId ?? "user-" + Guid.NewGuid().ToString("N")[..8];
        _job = new AnnotationJob
        {
            JobId = jobId,
            UserId = user,
            InputFileName = "test.vcf",
            InputsBucket = "gas-inputs",
            InputKey = $"{user}/{jobId}~test.vcf",
            SubmitTime = 1_700_000_000,
        };
    }

    public JobBuilder SubmittedAt(long epochSeconds)
    {
        _job = _job with { SubmitTime = epochSeconds };
        return this;
    }

    public JobBuilder WithInput(string fileName)
    {
        _job = _job with { InputFileName = fileName, InputKey = $"{_job.UserId}/{_job.JobId}~{fileName}" };
        return this;
    }

    public JobBuilder Named(string? name)
    {
        _job = _job with { JobName = name };
        return this;
    }

    public JobBuilder OnPlan(UserTier tier)
    {
        _job = _job with { UserTier = tier };
        return this;
    }

    public AnnotationJob Build() => _job;
}
