using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using Gas.Tests.Support;

namespace Gas.Tests.EndToEnd;

/// <summary>
/// The built executables, run as a researcher runs them: a misspelt key or a bad value stops the process with exit
/// code 1 and one line on standard error naming the key, no stack trace, and nothing printed before it.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
[DoNotParallelize]
[UnsupportedOSPlatform("windows")]
public sealed class StartupErrors
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [TestMethod]
    [DataRow("Gas.RazorPages", "Gas__Email__Smtp__Prot", "25", "Gas:Email:Smtp:Prot")]
    [DataRow("Gas.RazorPages", "Gas__Messaging__Queues__gas-results-notify__VisibilityTimeoutSeconds", "-5", "Gas:Messaging:Queues:gas-results-notify:VisibilityTimeoutSeconds")]
    [DataRow("Gas.RazorPages", "Gas__Accounts__Provider", "mysql", "Gas:Accounts:Provider")]
    [DataRow("Gas.Annotator", "Gas__Annotator__PolWait", "00:00:01", "Gas:Annotator:PolWait")]
    [DataRow("Gas.Annotator", "Gas__Embedded__StandardRestoreDelay", "-00:05:00", "Gas:Embedded:StandardRestoreDelay")]
    [DataRow("Gas.Annotator", "Gas__Engine__ReferenceDirectry", "/data/hg19", "ReferenceDirectry")]
    [DataRow("Gas.RazorPages", "Stripe__SecretKy", "sk_test_x", "SecretKy")]
    public async Task ABadSettingExitsWithCode1AndOneLineNamingTheKey(string project, string variable, string value, string key)
    {
        var data = Paths.NewTempDirectory();
        using var run = AppProcess.Start(project, data, new() { [variable] = value });

        var exited = await run.WaitForExitAsync(Patience);

        Assert.IsTrue(exited, $"{project} still running after {Patience}.\n{run.Output}");
        Assert.AreEqual(1, run.ExitCode, run.Output);
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, run.Output);
        StringAssert.Contains(lines[0], key);
        StringAssert.StartsWith(lines[0], "Configuration error: ");
        Assert.DoesNotContain("   at ", run.Output, "no stack trace");
        Assert.DoesNotContain("Unhandled exception", run.Output);
        Assert.AreEqual("", run.StandardOutput.Trim(), "nothing is printed before the error");
        Assert.IsFalse(File.Exists(Path.Combine(data, "accounts.db")), "nothing is created either");
    }

    [TestMethod]
    public async Task AGeneratedAdministratorPasswordGoesToAPrivateFileNamedInTheLogAndNotIntoTheLog()
    {
        var data = Paths.NewTempDirectory();
        using var run = AppProcess.Start("Gas.RazorPages", data, new() { ["Gas__Roles"] = "web" });
        var file = Path.Combine(data, "admin-password.txt");

        // The key-ring warning is the last line of the accounts set-up, after the administrator's.
        var logged = await run.WaitForOutputAsync("stored unencrypted", Patience);

        Assert.IsTrue(logged, $"The accounts set-up did not finish within {Patience}.\n{run.Output}");
        StringAssert.Contains(run.Output, "Created the first administrator");
        var password = (await File.ReadAllTextAsync(file)).Trim();
        Assert.IsGreaterThanOrEqualTo(12, password.Length);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        StringAssert.Contains(run.Output, file);
        Assert.DoesNotContain(password, run.Output);
    }

    /// <summary>One built GAS executable over a data directory of its own, in production mode.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _out = new();
        private readonly StringBuilder _err = new();

        private AppProcess(Process process) => _process = process;

        public string StandardOutput { get { lock (_out) { return _out.ToString(); } } }

        public string StandardError { get { lock (_err) { return _err.ToString(); } } }

        public string Output => $"--- stdout ---\n{StandardOutput}--- stderr ---\n{StandardError}";

        public int ExitCode => _process.ExitCode;

        public static AppProcess Start(string project, string dataDirectory, Dictionary<string, string> environment)
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            var dll = Path.Combine(Paths.RepositoryRoot, project, "bin", configuration, "net10.0", project + ".dll");
            Assert.IsTrue(File.Exists(dll), $"{dll} is missing: build the solution first.");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = dataDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            start.Environment["Gas__Embedded__DataDirectory"] = dataDirectory;
            start.Environment["Gas__Engine__AutoFetch"] = "false";
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var run = new AppProcess(new Process { StartInfo = start });
            run._process.OutputDataReceived += (_, e) => Append(run._out, e.Data);
            run._process.ErrorDataReceived += (_, e) => Append(run._err, e.Data);
            Assert.IsTrue(run._process.Start(), $"{project} did not start");
            run._process.BeginOutputReadLine();
            run._process.BeginErrorReadLine();
            return run;
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancel.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!StandardOutput.Contains(text, StringComparison.Ordinal))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    return false;
                }

                await Task.Delay(200);
            }

            return true;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.Append(line).Append('\n');
                }
            }
        }
    }
}
