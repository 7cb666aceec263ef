using Gas.Core.Jobs;

namespace Gas.Tests.Contracts;

/// <summary>Builds annotation jobs for tests: a PENDING job with unique ids unless told otherwise.</summary>
internal sealed class JobBuilder
{
    private string _jobId = Guid.NewGuid().ToString();
    private string _userId = "user-" + Guid.NewGuid().ToString("N")[..8];
    private long _submitTime = 1_700_000_000;

    public JobBuilder WithId(string jobId)
    {
        _jobId = jobId;
        return this;
    }

    public JobBuilder ForUser(string userId)
    {
        _userId = userId;
        return this;
    }

    public JobBuilder SubmittedAt(long submitTime)
    {
        _submitTime = submitTime;
        return this;
    }

    public AnnotationJob Build() => new()
    {
        JobId = _jobId,
        UserId = _userId,
        InputFileName = "free_1.vcf",
        InputsBucket = "gas-inputs",
        InputKey = $"{_userId}/{_jobId}~free_1.vcf",
        SubmitTime = _submitTime,
    };
}
