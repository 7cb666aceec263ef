using System.Text.Json;
using Gas.Core.Jobs;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gas.RazorPages.Infrastructure;

/// <summary>Registers the Razor Pages UI, its authorization conventions and its services.</summary>
public static class WebUi
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            // Everything needs a signed-in user except the home page and the pages that sign one in.
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/Register");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
        });
        services.AddHttpContextAccessor();
        services.AddScoped<ViewerClock>();
        services.AddScoped<JobSubmission>();
        services.AddScoped<JobAccess>();
        services.AddSingleton<ResultsAvailability>();
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Behind the load balancer the original scheme and client address arrive in X-Forwarded-* headers.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
        });
        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<JobStoreHealthCheck>("job-store", tags: ["ready"]);
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
