using Gas.RazorPages.Util.Archive;
using Gas.RazorPages.Util.Notify;
using Gas.RazorPages.Util.Queues;
using Gas.RazorPages.Util.Restore;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util;

/// <summary>
/// Schedules the util role's recurring jobs and starts the queue drains at once rather than at the next minute. A util
/// killed while it held a recurring job's lock leaves the lock in the database until <see cref="UtilOptions.LockTimeout"/>
/// runs out; scheduling then waits and tries again in the background instead of failing the process's start (which
/// would have a restarted util crash again and again for as long).
/// </summary>
public sealed class UtilSchedule(IServiceProvider services, IOptions<UtilOptions> util, ILogger<UtilSchedule> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Schedule();
                if (attempt > 1)
                {
                    logger.LogInformation("Recurring jobs scheduled after {Attempts} attempts", attempt);
                }

                return;
            }
            catch (Exception e) when (e is DistributedLockTimeoutException or PostgreSqlDistributedLockException)
            {
                logger.LogWarning("Could not schedule the recurring jobs yet ({Reason}): another util holds a lock, or a killed one's lock has not run out; trying again in {Delay}",
                    e.Message, RetryAfter);
            }

            await Task.Delay(RetryAfter, stoppingToken);
        }
    }

    private void Schedule()
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
        var options = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        var drains = util.Value.DrainCron;

        recurring.AddOrUpdate<ResultsNotifier>("drain-results-notify", x => x.DrainAsync(CancellationToken.None), drains, options);
        recurring.AddOrUpdate<ResultsArchiver>("drain-results-archive", x => x.DrainAsync(CancellationToken.None), drains, options);
        recurring.AddOrUpdate<RestoreRequester>("drain-restore-requests", x => x.DrainAsync(CancellationToken.None), drains, options);
        recurring.AddOrUpdate<DeadLetterDrain>("drain-dead-letters", x => x.DrainAsync(CancellationToken.None), drains, options);
        recurring.AddOrUpdate<ResultsNotifier>("drain-results-notify-dead-letters", x => x.DrainDeadLettersAsync(CancellationToken.None), drains, options);
        recurring.AddOrUpdate<ResultsArchiver>("drain-results-archive-dead-letters", x => x.DrainDeadLettersAsync(CancellationToken.None), drains, options);
        recurring.AddOrUpdate<ArchiveSweep>("archive-sweep", x => x.RunAsync(CancellationToken.None), util.Value.SweepCron, options);

        jobs.Enqueue<ResultsNotifier>(x => x.DrainAsync(CancellationToken.None));
        jobs.Enqueue<ResultsArchiver>(x => x.DrainAsync(CancellationToken.None));
        jobs.Enqueue<RestoreRequester>(x => x.DrainAsync(CancellationToken.None));
        jobs.Enqueue<DeadLetterDrain>(x => x.DrainAsync(CancellationToken.None));
        jobs.Enqueue<ResultsNotifier>(x => x.DrainDeadLettersAsync(CancellationToken.None));
        jobs.Enqueue<ResultsArchiver>(x => x.DrainDeadLettersAsync(CancellationToken.None));
    }
}
