using Gas.Core;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Util.Archive;
using Gas.RazorPages.Util.Notify;
using Gas.RazorPages.Util.Queues;
using Gas.RazorPages.Util.Restore;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util;

/// <summary>Registers the util role: Hangfire storage, the job server, the recurring jobs and the admin dashboard.</summary>
public static class DependencyInjection
{
    public const string DashboardPath = "/admin/jobs";

    public static IServiceCollection AddUtilJobs(this IServiceCollection services, IConfiguration configuration, bool runServer)
    {
        services.AddValidatedOptions<UtilOptions>(configuration, UtilOptions.Section);
        services.AddSingleton<PublicAddress>();
        services.AddScoped<UserDirectory>();
        services.AddScoped<QueueDrain>();
        services.AddScoped<ResultsNotifier>();
        services.AddScoped<ResultsArchiver>();
        services.AddScoped<RestoreRequester>();
        services.AddScoped<ThawFollowUp>();
        services.AddScoped<RestoredNotice>();
        services.AddScoped<ArchiveSweep>();
        services.AddScoped<DeadLetterDrain>();

        var connection = configuration.GetConnectionString("Hangfire");
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (string.IsNullOrEmpty(connection))
            {
                config.UseInMemoryStorage();
            }
            else
            {
                var util = configuration.GetSection(UtilOptions.Section).Get<UtilOptions>() ?? new UtilOptions();
                config.UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    PrepareSchemaIfNecessary = true,
                    DistributedLockTimeout = util.LockTimeout,
                });
            }
        });

        if (runServer)
        {
            services.AddHostedService<UtilSchedule>();
            services.AddHangfireServer((sp, server) =>
            {
                var util = sp.GetRequiredService<IOptions<UtilOptions>>().Value;
                server.WorkerCount = util.Workers;
                server.SchedulePollingInterval = util.SchedulePollingInterval;
                server.ServerName = $"gas-util-{Environment.MachineName}";
            });
        }

        return services;
    }

    /// <summary>The Hangfire dashboard for administrators only (never Hangfire's local-requests default).</summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "GAS jobs",
            AppPath = "/",
        }).RequireAuthorization(GasPolicies.Admin);
}
