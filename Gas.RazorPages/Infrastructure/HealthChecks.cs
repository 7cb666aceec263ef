using System.Text.Json;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Infrastructure;

/// <summary><c>/health</c>: liveness, the job store, and the disk that uploads land on.</summary>
public static class HealthChecks
{
    public static IServiceCollection AddGasHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<JobStoreHealthCheck>("job-store", tags: ["ready"])
            .AddCheck<DiskSpaceHealthCheck>("disk", tags: ["ready"]);
        return services;
    }

    /// <summary><c>/health</c> answers liveness and readiness together as JSON; <c>/health/live</c> only liveness.</summary>
    public static IEndpointRouteBuilder MapGasHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteJsonAsync }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = WriteJsonAsync,
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}

/// <summary>Ready when the job store answers.</summary>
public sealed class JobStoreHealthCheck(IJobStore jobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await jobs.GetAsync(Guid.Empty.ToString(), cancellationToken);
            return HealthCheckResult.Healthy("job store reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("job store unreachable", e);
        }
    }
}

/// <summary>
/// Degraded when the disk that uploads land on (the embedded store's objects folder; in AWS mode the temporary folder
/// that spools uploads) has less than <see cref="WebOptions.MinFreeDiskBytes"/> free.
/// </summary>
public sealed class DiskSpaceHealthCheck(IServiceProvider services, IOptions<GasOptions> gas, IOptions<WebOptions> web) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = gas.Value.IsAws ? Path.GetTempPath() : services.GetRequiredService<FolderObjectStore>().Root;
        var free = FreeBytes(folder);
        var description = $"{free / (1024 * 1024)} MiB free at {folder}";
        return Task.FromResult(free < web.Value.MinFreeDiskBytes
            ? HealthCheckResult.Degraded($"low disk space: {description} (want {web.Value.MinFreeDiskBytes / (1024 * 1024)} MiB)")
            : HealthCheckResult.Healthy(description));
    }

    /// <summary>Free space of the mounted file system holding <paramref name="folder"/> (the longest matching mount point).</summary>
    public static long FreeBytes(string folder)
    {
        var path = Path.GetFullPath(folder);
        var drive = DriveInfo.GetDrives()
            .Where(d => d.IsReady && IsUnder(path, d.RootDirectory.FullName))
            .MaxBy(d => d.RootDirectory.FullName.Length);
        return drive?.AvailableFreeSpace ?? long.MaxValue;
    }

    private static bool IsUnder(string path, string root)
    {
        var withSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.Equals(root, StringComparison.Ordinal) || path.StartsWith(withSeparator, StringComparison.Ordinal);
    }
}
