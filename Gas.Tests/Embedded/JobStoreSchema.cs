using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Gas.Tests.Embedded;

/// <summary>The embedded job store's schema is versioned; files made before versioning are upgraded with their jobs intact.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class JobStoreSchema
{
    /// <summary>What the job store created before schema versions (as of the commit that introduced them), with annotation_notes.</summary>
    private const string TodaysSchema = """
        CREATE TABLE IF NOT EXISTS annotations (
            job_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, input_file_name TEXT NOT NULL, s3_inputs_bucket TEXT NOT NULL,
            s3_key_input_file TEXT NOT NULL, submit_time INTEGER NOT NULL, job_status TEXT NOT NULL, s3_results_bucket TEXT,
            s3_key_result_file TEXT, s3_key_log_file TEXT, complete_time INTEGER, results_file_archive_id TEXT, restore_tier TEXT,
            restore_requested_time INTEGER, failure_reason TEXT, lease_until INTEGER, attempts INTEGER NOT NULL DEFAULT 0,
            annotation_notes TEXT);
        CREATE INDEX IF NOT EXISTS annotations_user_submit ON annotations (user_id, submit_time DESC, job_id DESC);
        INSERT INTO annotations (job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status,
            s3_results_bucket, s3_key_result_file, s3_key_log_file, complete_time, attempts, annotation_notes)
        VALUES ('job-1', 'user-1', 'sample.vcf', 'gas-inputs', 'user-1/job-1~sample.vcf', 1700000000, 'COMPLETED',
            'gas-results', 'user-1/job-1~sample.annot.vcf', 'user-1/job-1~sample.vcf.count.log', 1700000100, 1, 'hg19 tables');
        """;

    /// <summary>An older file still: before annotation_notes existed.</summary>
    private const string SchemaBeforeNotes = """
        CREATE TABLE annotations (
            job_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, input_file_name TEXT NOT NULL, s3_inputs_bucket TEXT NOT NULL,
            s3_key_input_file TEXT NOT NULL, submit_time INTEGER NOT NULL, job_status TEXT NOT NULL, s3_results_bucket TEXT,
            s3_key_result_file TEXT, s3_key_log_file TEXT, complete_time INTEGER, results_file_archive_id TEXT, restore_tier TEXT,
            restore_requested_time INTEGER, failure_reason TEXT, lease_until INTEGER, attempts INTEGER NOT NULL DEFAULT 0);
        INSERT INTO annotations (job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status, attempts)
        VALUES ('job-1', 'user-1', 'sample.vcf', 'gas-inputs', 'user-1/job-1~sample.vcf', 1700000000, 'PENDING', 0);
        """;

    [TestMethod]
    public async Task AFileMadeBeforeVersioningIsUpgradedWithItsJobsIntact()
    {
        var file = FileWith(TodaysSchema);

        var store = new SqliteJobStore(new SqliteDatabase(file));

        var job = await store.GetAsync("job-1");
        Assert.IsNotNull(job);
        Assert.AreEqual(JobStatus.Completed, job.Status);
        Assert.AreEqual("user-1/job-1~sample.annot.vcf", job.ResultKey);
        Assert.AreEqual(1700000100, job.CompleteTime);
        Assert.AreEqual("hg19 tables", job.AnnotationNotes);
        Assert.AreEqual(SqliteJobStore.Steps.Count, VersionOf(file));
        Assert.AreEqual(1, (await store.ListByUserAsync("user-1", 10)).Jobs.Count);
    }

    [TestMethod]
    public async Task AFileFromBeforeAnnotationNotesGainsTheColumn()
    {
        var file = FileWith(SchemaBeforeNotes);

        var store = new SqliteJobStore(new SqliteDatabase(file));

        Assert.IsTrue(await store.TryClaimAsync("job-1", now: 1700000001, leaseUntil: 1700000200));
        Assert.IsTrue(await store.TryCompleteAsync("job-1", new JobOutputs("gas-results", "r", "l", "notes kept"), 1700000300));
        Assert.AreEqual("notes kept", (await store.GetAsync("job-1"))!.AnnotationNotes);
    }

    [TestMethod]
    public async Task AFileAtVersionTwoGainsTheGenomeBuildColumnKeepingItsJobsAndTheirPlans()
    {
        var file = FileWith("");
        using (var connection = new SqliteDatabase(file).Open())
        {
            SchemaSteps.Upgrade(connection, "annotations", SqliteJobStore.Steps.Take(2).ToList());
            SqliteDatabase.Execute(connection, """
                INSERT INTO annotations (job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status, attempts, user_tier)
                VALUES ('job-1', 'user-1', 'sample.vcf', 'gas-inputs', 'user-1/job-1~sample.vcf', 1700000000, 'PENDING', 0, 'premium_user');
                """);
        }

        var store = new SqliteJobStore(new SqliteDatabase(file));

        Assert.AreEqual(SqliteJobStore.Steps.Count, VersionOf(file));
        var before = (await store.GetAsync("job-1"))!;
        Assert.AreEqual(UserTier.Premium, before.UserTier);
        Assert.IsNull(before.GenomeBuild, "a job from before builds were recorded: detect");
        Assert.IsTrue(await store.TryClaimAsync("job-1", now: 1700000001, leaseUntil: 1700000200));
        Assert.IsTrue(await store.TryCompleteAsync("job-1", new JobOutputs("gas-results", "r", "l") { GenomeBuild = "GRCh38" }, 1700000300));
        Assert.AreEqual("GRCh38", (await store.GetAsync("job-1"))!.GenomeBuild);
    }

    [TestMethod]
    public async Task AFileAtVersionThreeFindsItsOldJobsBySearchAndKeepsNamesAndCountsOfNewOnes()
    {
        var file = FileWith("");
        using (var connection = new SqliteDatabase(file).Open())
        {
            SchemaSteps.Upgrade(connection, "annotations", SqliteJobStore.Steps.Take(3).ToList());
            SqliteDatabase.Execute(connection, """
                INSERT INTO annotations (job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status, attempts)
                VALUES ('job-1', 'user-1', 'Old_Sample.vcf', 'gas-inputs', 'user-1/job-1~Old_Sample.vcf', 1700000000, 'PENDING', 0);
                """);
        }

        var store = new SqliteJobStore(new SqliteDatabase(file));

        Assert.AreEqual(SqliteJobStore.Steps.Count, VersionOf(file));
        var old = (await store.GetAsync("job-1"))!;
        Assert.IsNull(old.JobName);
        Assert.IsNull(old.VariantCount);
        Assert.AreEqual("job-1", (await store.SearchByUserAsync("user-1", "old_sample", 10)).Jobs.Single().JobId, "found by its file name");
        Assert.IsTrue(await store.TryClaimAsync("job-1", now: 1700000001, leaseUntil: 1700000200));
        Assert.IsTrue(await store.TryCompleteAsync("job-1", new JobOutputs("gas-results", "r", "l") { Variants = 7 }, 1700000300));
        Assert.AreEqual(7, (await store.GetAsync("job-1"))!.VariantCount);
    }

    [TestMethod]
    public void EachStepRunsOnceAndInOrderAcrossOpenings()
    {
        var file = FileWith("");
        var ran = new List<int>();
        SchemaStep Step(int version) => new(version, $"step {version}", _ => ran.Add(version));

        using (var connection = new SqliteDatabase(file).Open())
        {
            Assert.AreEqual(1, SchemaSteps.Upgrade(connection, "test", [Step(1)]));
            Assert.AreEqual(1, SchemaSteps.Upgrade(connection, "test", [Step(1)]));
            Assert.AreEqual(3, SchemaSteps.Upgrade(connection, "test", [Step(1), Step(2), Step(3)]));
        }

        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, ran);
    }

    [TestMethod]
    public void AFailingStepLeavesTheFileAtThePreviousVersion()
    {
        var file = FileWith("");
        using var connection = new SqliteDatabase(file).Open();
        SchemaSteps.Upgrade(connection, "test", [new(1, "table", c => SqliteDatabase.Execute(c, "CREATE TABLE t (a TEXT)"))]);

        Assert.Throws<SqliteException>(() => SchemaSteps.Upgrade(connection, "test",
        [
            new(1, "table", c => SqliteDatabase.Execute(c, "CREATE TABLE t (a TEXT)")),
            new(2, "column, then a mistake", c => SqliteDatabase.Execute(c, "ALTER TABLE t ADD COLUMN b TEXT; SELECT * FROM missing")),
        ]));

        Assert.AreEqual(1, SchemaSteps.Version(connection, "test"));
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('t')";
        Assert.AreEqual(1L, columns.ExecuteScalar(), "step 2's column was rolled back with it");
    }

    [TestMethod]
    public void AFileFromANewerBuildIsRefused()
    {
        var file = FileWith("CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL); " +
            "INSERT INTO schema_versions VALUES ('annotations', 99);");

        var error = Assert.Throws<InvalidOperationException>(() => new SqliteJobStore(new SqliteDatabase(file)));

        StringAssert.Contains(error.Message, "version 99");
    }

    private static string FileWith(string sql)
    {
        var file = Path.Combine(Paths.NewTempDirectory(), "gas.db");
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        if (sql.Length > 0)
        {
            SqliteDatabase.Execute(connection, sql);
        }

        return file;
    }

    private static int VersionOf(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Pooling=false");
        connection.Open();
        return SchemaSteps.Version(connection, "annotations");
    }

    [TestMethod]
    public async Task AFileAtVersionSixMarksTheJobsTheSweepMayHaveToLookAt()
    {
        var file = FileWith("");
        using (var connection = new SqliteDatabase(file).Open())
        {
            SchemaSteps.Upgrade(connection, "annotations", SqliteJobStore.Steps.Take(6).ToList());
            SqliteDatabase.Execute(connection, """
                INSERT INTO annotations (job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status,
                    s3_results_bucket, s3_key_result_file, complete_time, results_file_archive_id, restore_tier, restore_requested_time)
                VALUES ('hot', 'u', 'a.vcf', 'in', 'k', 1, 'COMPLETED', 'out', 'r', 100, NULL, NULL, NULL),
                       ('archived', 'u', 'a.vcf', 'in', 'k', 1, 'COMPLETED', 'out', 'r', 200, 'archive-1', NULL, NULL),
                       ('restoring', 'u', 'a.vcf', 'in', 'k', 1, 'COMPLETED', 'out', 'r', 300, 'archive-2', 'Expedited', 400),
                       ('pending', 'u', 'a.vcf', 'in', 'k', 1, 'PENDING', NULL, NULL, NULL, NULL, NULL, NULL),
                       ('failed', 'u', 'a.vcf', 'in', 'k', 1, 'FAILED', NULL, NULL, 500, NULL, NULL, NULL);
                """);
        }

        var store = new SqliteJobStore(new SqliteDatabase(file));

        Assert.AreEqual(7, VersionOf(file));
        Assert.AreEqual("hot", (await store.ListSweepDueAsync(SweepMark.Hot, 100, 10)).Jobs.Single().JobId);
        Assert.IsEmpty((await store.ListSweepDueAsync(SweepMark.Hot, 99, 10)).Jobs, "by completion time");
        Assert.AreEqual("archived", (await store.ListSweepDueAsync(SweepMark.Archived, long.MaxValue, 10)).Jobs.Single().JobId);
        Assert.AreEqual("restoring", (await store.ListSweepDueAsync(SweepMark.Restoring, 400, 10)).Jobs.Single().JobId);
        Assert.IsEmpty((await store.ListSweepDueAsync(SweepMark.Restoring, 399, 10)).Jobs, "by the restore request's time");
        using var check = new SqliteDatabase(file).Open();
        using var plan = check.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN SELECT job_id FROM annotations WHERE sweep_mark = 'hot' AND sweep_time <= 100 ORDER BY sweep_time, job_id";
        using var reader = plan.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        Assert.IsTrue(steps.Any(s => s.Contains("annotations_sweep_due", StringComparison.Ordinal)), "the query reads the partial index: " + string.Join("; ", steps));
    }
}
