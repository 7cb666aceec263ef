using Gas.Core.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Support;

public static class ServiceProviderExtensions
{
    public static async Task<AnnotationJob> GetJob(this IServiceProvider services, string jobId) =>
        await services.GetRequiredService<IJobStore>().GetAsync(jobId) ?? throw new AssertFailedException($"No job {jobId}.");
}
