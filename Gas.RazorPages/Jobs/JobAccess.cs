using System.Security.Claims;
using Gas.Core.Jobs;

namespace Gas.RazorPages.Jobs;

/// <summary>Reads a job only for its owner: anyone else gets nothing, not a hint that it exists.</summary>
public sealed class JobAccess(IJobStore jobs)
{
    public async Task<AnnotationJob?> FindOwnAsync(ClaimsPrincipal user, string id, CancellationToken ct)
    {
        var userId = UserId(user);
        if (userId is null || !Guid.TryParse(id, out _))
        {
            return null;
        }

        var job = await jobs.GetAsync(id, ct);
        return job is not null && job.UserId == userId ? job : null;
    }

    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
