using System.ComponentModel.DataAnnotations;

namespace Gas.RazorPages.Util;

/// <summary>Section <c>Gas:Util</c>: the util role's schedules and the address its emails link to.</summary>
public sealed class UtilOptions
{
    public const string Section = "Gas:Util";

    /// <summary>The site's public address, for links in emails; unset, the address the service listens on (<see cref="PublicAddress"/>).</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long one queue-draining run keeps long-polling before it hands over to the next scheduled run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DrainDuration { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>
    /// How long a notifier's claim on emailing a job's owner lasts (longer than one SMTP send may take): a second notifier
    /// handling the same result meanwhile sends nothing, and one that died holding the claim is followed once it runs out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan NotifyLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Cron schedule of the queue drains (notify, archive, restore, dead letters).</summary>
    [Required]
    public string DrainCron { get; set; } = "* * * * *";

    /// <summary>Cron schedule of the archive sweep that catches what a message missed.</summary>
    [Required]
    public string SweepCron { get; set; } = "*/5 * * * *";

    /// <summary>First wait before checking a restore, doubled after each check up to <see cref="ThawMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ThawInitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ThawMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the job server looks for scheduled jobs that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a Hangfire lock in PostgreSQL lasts unless released (Hangfire.PostgreSql's default is 10 minutes): a util
    /// killed while holding one (scheduling a recurring job, the sweep) keeps the others from that work until it runs out.
    /// The work under these locks is idempotent, so a lock taken over from a slow holder costs a repeated step, not an error.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hangfire workers in this process.</summary>
    [Range(1, 100)]
    public int Workers { get; set; } = 10;
}
