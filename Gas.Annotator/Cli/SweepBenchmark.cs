using System.Diagnostics;
using System.Globalization;
using Gas.Core.Embedded;
using Gas.Core.Jobs;

namespace Gas.Annotator.Cli;

/// <summary>
/// <c>bench-sweep [--jobs N] [--due D] [--users U]</c>: the archive sweep's reads over an embedded job store holding N completed
/// jobs, D of them due: the due-jobs queries the sweep makes (hot past the window, archived, overdue restores), against paging
/// every user's jobs as the sweep did before. Prints milliseconds (best of five), never judges them. The store is a fresh
/// SQLite file in the temp folder, removed afterwards; the jobs not due are as a sweep leaves them (set aside, or inside the window).
/// </summary>
internal static class SweepBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var jobs = Option(args, "--jobs", 100_000);
        var due = Option(args, "--due", 0);
        var users = Option(args, "--users", 1_000);
        var folder = Path.Combine(Path.GetTempPath(), "gas-bench-sweep-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        try
        {
            var db = new SqliteDatabase(Path.Combine(folder, "gas.db"));
            var store = new SqliteJobStore(db);
            const long now = 2_000_000_000;
            const long window = 300;
            Seed(db, jobs, due, users, now, window);

            var dueMs = await BestOfFiveAsync(async () =>
            {
                var found = 0;
                found += await CountAsync(p => store.ListSweepDueAsync(SweepMark.Hot, now - window, 100, p));
                found += await CountAsync(p => store.ListSweepDueAsync(SweepMark.Archived, long.MaxValue, 100, p));
                found += await CountAsync(p => store.ListSweepDueAsync(SweepMark.Restoring, now - 7_200, 100, p));
                return found;
            });
            var everyJobMs = await BestOfFiveAsync(async () =>
            {
                var read = 0;
                for (var u = 0; u < users; u++)
                {
                    var user = "user-" + u.ToString("D5", CultureInfo.InvariantCulture);
                    read += await CountAsync(p => store.ListByUserAsync(user, 100, p));
                }

                return read;
            });
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"sweep: {jobs:N0} jobs stored, {due:N0} due: due-jobs queries {dueMs.Ms:F1} ms ({dueMs.Count:N0} jobs read); " +
                $"paging every user's jobs (the sweep before) {everyJobMs.Ms:F1} ms ({everyJobMs.Count:N0} jobs read)"));
            return dueMs.Count == due ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void Seed(SqliteDatabase db, int jobs, int due, int users, long now, long window)
    {
        using var connection = db.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO annotations (job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status,
                s3_results_bucket, s3_key_result_file, s3_key_log_file, complete_time, results_file_archive_id, attempts, search_text)
            VALUES ($id, $user, 'load.vcf', 'in', $id, $time, 'COMPLETED', 'out', $id, $id, $time, $archive, 1, 'load.vcf')
            """;
        var id = insert.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        var user = insert.Parameters.Add("$user", Microsoft.Data.Sqlite.SqliteType.Text);
        var time = insert.Parameters.Add("$time", Microsoft.Data.Sqlite.SqliteType.Integer);
        var archive = insert.Parameters.Add("$archive", Microsoft.Data.Sqlite.SqliteType.Text);
        for (var i = 0; i < jobs; i++)
        {
            id.Value = "job-" + i.ToString("D7", CultureInfo.InvariantCulture);
            user.Value = "user-" + (i % users).ToString("D5", CultureInfo.InvariantCulture);
            // The first D jobs are due (hot, past the window); one in a hundred of the rest is inside the window; the rest old.
            time.Value = i < due ? now - window - 1 - i : i % 100 == 0 ? now - (i % window) : now - window - 10_000 - i;
            archive.Value = i >= due && i % 2 == 1 ? "archive-" + i.ToString(CultureInfo.InvariantCulture) : DBNull.Value;
            insert.ExecuteNonQuery();
        }

        // What a sweep leaves: old jobs whose owner's plan keeps them where they are are out of its index.
        using var setAside = connection.CreateCommand();
        setAside.Transaction = transaction;
        setAside.CommandText = "UPDATE annotations SET sweep_mark = NULL, sweep_time = NULL WHERE job_id >= $first AND complete_time < $old";
        setAside.Parameters.AddWithValue("$first", "job-" + due.ToString("D7", CultureInfo.InvariantCulture));
        setAside.Parameters.AddWithValue("$old", now - window);
        setAside.ExecuteNonQuery();
        transaction.Commit();
    }

    private static async Task<int> CountAsync(Func<string?, Task<JobPage>> page)
    {
        var count = 0;
        string? token = null;
        do
        {
            var result = await page(token);
            count += result.Jobs.Count;
            token = result.NextPageToken;
        }
        while (token is not null);

        return count;
    }

    private static async Task<(double Ms, int Count)> BestOfFiveAsync(Func<Task<int>> run)
    {
        var best = double.MaxValue;
        var count = 0;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            count = await run();
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return (best, count);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
