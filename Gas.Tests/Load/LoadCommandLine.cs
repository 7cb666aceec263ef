using Gas.Annotator.Cli;
using Gas.Core.Embedded;
using Gas.Tests.Support;

namespace Gas.Tests.Load;

/// <summary><c>Gas.Annotator load</c>: its own arguments, the rest as configuration, and the daemon left as the default.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class LoadCommandLine
{
    private static async Task<(int? ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await LoadCommand.TryRunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [TestMethod]
    [DataRow(new string[0])]
    [DataRow(new[] { "--Gas:Annotator:Concurrency=2" })]
    [DataRow(new[] { "annotate", "in.vcf" })]
    public async Task LeavesArgumentsThatAreNotItsOwnToTheOtherCommands(string[] args)
    {
        Assert.IsNull((await RunAsync(args)).ExitCode);
    }

    [TestMethod]
    public async Task SubmitsIntoTheDataDirectoryItIsGiven()
    {
        var data = Paths.NewTempDirectory();
        try
        {
            var (code, output, _) = await RunAsync("load", "--count", "4", "--users", "2", $"--Gas:Embedded:DataDirectory={data}");

            Assert.AreEqual(0, code);
            StringAssert.Contains(output, "submitted 4 jobs");
            Assert.HasCount(4, Directory.GetFiles(Path.Combine(data, "objects", "gas-inputs"), "*~load.vcf", SearchOption.AllDirectories));
            var db = new SqliteDatabase(Path.Combine(data, "gas.db"));
            using var connection = db.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM annotations WHERE job_status = 'PENDING'";
            Assert.AreEqual(4L, (long)command.ExecuteScalar()!);
            command.CommandText = "SELECT COUNT(*) FROM queue_messages WHERE queue = 'gas-job-requests'";
            Assert.AreEqual(4L, (long)command.ExecuteScalar()!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [TestMethod]
    public async Task WaitingFailsWithExitCodeOneWhenJobsAreLeftUnfinished()
    {
        var data = Paths.NewTempDirectory();
        try
        {
            // No annotator runs over this data directory, so the jobs stay PENDING until the timeout.
            var (code, output, error) = await RunAsync("load", "--count", "2", "--wait", "--timeout", "1", "--poll", "1",
                "--Gas:Embedded:DataDirectory", data);

            Assert.AreEqual(1, code);
            StringAssert.Contains(output, "completed 0, failed 0, unfinished 2");
            StringAssert.Contains(error, "load: FAILED");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [TestMethod]
    [DataRow(new[] { "load" }, "--count is required")]
    [DataRow(new[] { "load", "--count", "0" }, "--count needs a whole number")]
    [DataRow(new[] { "load", "--count", "3", "--bogus" }, "unknown argument '--bogus'")]
    [DataRow(new[] { "load", "--count", "3", "--Gas:Embeded:DataDirectory=/tmp/x" }, "Embeded")]
    [DataRow(new[] { "load", "--count", "3", "--Gas:Provider=cloud" }, "Gas:Provider")]
    public async Task RefusesBadArgumentsWithUsageAndExitCodeTwo(string[] args, string message)
    {
        var (code, _, error) = await RunAsync(args);

        Assert.AreEqual(2, code);
        StringAssert.Contains(error, message);
    }
}
