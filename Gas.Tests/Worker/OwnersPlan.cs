using Gas.Core.Aws;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Gas.Tests.Worker;

/// <summary>A job carries the plan its owner had at submission, which sets the annotator's limits; jobs stored before it read as Free.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class OwnersPlan
{
    [TestMethod]
    [DataRow(UserTier.Free)]
    [DataRow(UserTier.Premium)]
    public async Task IntakeRecordsTheSubmittersPlanOnTheJob(UserTier tier)
    {
        using var services = new EmbeddedServices();
        var jobId = Guid.NewGuid().ToString();

        await services.Get<JobIntake>().SubmitAsync(jobId, "user-1", tier, "a.vcf", "gas-inputs", $"user-1/{jobId}~a.vcf");

        Assert.AreEqual(tier, (await services.Get<IJobStore>().GetAsync(jobId))!.UserTier);
    }

    [TestMethod]
    public async Task ASqliteJobStoredBeforePlansWereRecordedReadsAsFree()
    {
        var path = Path.Combine(Paths.NewTempDirectory(), "old.db");
        var database = new SqliteDatabase(path);
        using (var connection = database.Open())
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE annotations (job_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, input_file_name TEXT NOT NULL,
                    s3_inputs_bucket TEXT NOT NULL, s3_key_input_file TEXT NOT NULL, submit_time INTEGER NOT NULL, job_status TEXT NOT NULL,
                    s3_results_bucket TEXT, s3_key_result_file TEXT, s3_key_log_file TEXT, complete_time INTEGER, results_file_archive_id TEXT,
                    restore_tier TEXT, restore_requested_time INTEGER, failure_reason TEXT, lease_until INTEGER, attempts INTEGER NOT NULL DEFAULT 0,
                    annotation_notes TEXT);
                INSERT INTO annotations (job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status)
                    VALUES ('old-job', 'user-1', 'a.vcf', 'gas-inputs', 'user-1/old-job~a.vcf', 1700000000, 'PENDING');
                """);
        }

        SqliteConnection.ClearAllPools();
        var store = new SqliteJobStore(database);

        Assert.AreEqual(UserTier.Free, (await store.GetAsync("old-job"))!.UserTier);
        var premium = new JobBuilder().OnPlan(UserTier.Premium).Build();
        await store.CreateAsync(premium);
        Assert.AreEqual(UserTier.Premium, (await store.GetAsync(premium.JobId))!.UserTier);
    }

    [TestMethod]
    public void ADynamoDbItemWithoutAPlanReadsAsFree()
    {
        var item = JobItem.ToItem(new JobBuilder().OnPlan(UserTier.Premium).Build());
        Assert.AreEqual("premium_user", item["user_tier"].S);

        item.Remove("user_tier");

        Assert.AreEqual(UserTier.Free, JobItem.FromItem(item).UserTier);
    }
}
