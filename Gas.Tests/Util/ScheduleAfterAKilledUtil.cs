using Gas.Tests.Support;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Logging.Abstractions;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Gas.Tests.Util;

/// <summary>
/// A util killed while it held a recurring job's lock in PostgreSQL leaves the lock behind; a util started meanwhile must
/// come up and schedule its jobs once the lock is free, not fail its start (found by the cluster kill run: a restarted util
/// crashed over and over until Hangfire.PostgreSql's 10-minute lock ran out).
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ScheduleAfterAKilledUtil
{
    private const string LockedJob = "drain-results-notify";

    [TestMethod]
    public async Task StartsWhileALockIsHeldAndSchedulesTheRecurringJobsOnceItIsFree()
    {
        // Hangfire logs through a process-wide provider that the last app host set and disposed; the lock's class binds its
        // logger once per process, so bind it to one that lives as long as the process
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(NullLoggerFactory.Instance));
        await using var database = await ThrowawayPostgresDatabase.CreateAsync();
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true });
        using var connection = storage.GetConnection();
        // held and never released while the util starts, as by a process that died holding it
        var held = connection.AcquireDistributedLock($"lock:recurring-job:{LockedJob}", TimeSpan.FromSeconds(5));

        await using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Hangfire"] = database.ConnectionString,
            ["Gas:Util:LockTimeout"] = "00:10:00",
        });
        using var client = app.CreateClient();
        var health = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.IsTrue(health.IsSuccessStatusCode, $"the service started and answers /health/live while the lock is held: {(int)health.StatusCode}");
        Assert.IsFalse(RecurringJobIds(storage).Contains(LockedJob), "nothing schedules the locked job while its lock is held");

        held.Dispose();
        string[] expected = [LockedJob, "drain-results-archive", "drain-dead-letters", "archive-sweep"];
        await Wait.UntilAsync(() => Task.FromResult(RecurringJobIds(storage).IsSupersetOf(expected)),
            $"the recurring jobs ({string.Join(", ", expected)}) scheduled once the lock is free",
            () => "recurring jobs now: " + string.Join(", ", RecurringJobIds(storage)));
    }

    private static HashSet<string> RecurringJobIds(PostgreSqlStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetAllItemsFromSet("recurring-jobs");
    }
}
