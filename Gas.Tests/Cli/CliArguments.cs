using Gas.Cli;
using Gas.Cli.Commands;

namespace Gas.Tests.Cli;

/// <summary>
/// The gas command line before any request: usage mistakes, a missing token or a bad address exit with code 1 and a
/// short message on standard error, nothing on standard output. The address used is a closed loopback port, so a test
/// that got past the checks by mistake fails on "cannot reach" instead of talking to a service.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class CliArguments
{
    private const string Unreachable = "http://127.0.0.1:9/";

    [TestMethod]
    [DataRow(new[] { "submit" }, "Required argument 'FILE' missing")]
    [DataRow(new[] { "submit", "x.vcf", "--build", "hg19" }, "'GRCh37'")]
    [DataRow(new[] { "submit", "x.vcf", "--timeout", "0" }, "--timeout must be a positive number of seconds")]
    [DataRow(new[] { "submit", "x.vcf", "--timeout", "soon" }, "soon")]
    [DataRow(new[] { "status" }, "Required argument 'JOB_ID' missing")]
    [DataRow(new[] { "list", "--page", "0" }, "--page must be 1 or more")]
    [DataRow(new[] { "list", "--page-size", "500" }, "--page-size must be between 1 and 100")]
    [DataRow(new[] { "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    [DataRow(new string[0], "Required command was not provided")]
    public async Task AUsageMistakeExitsWith1AndSaysWhatWasWrongOnStandardError(string[] args, string expected)
    {
        var run = await RunAsync(args, token: "gas_pat_unused");

        Assert.AreEqual(ExitCodes.Error, run.ExitCode, run.Error);
        StringAssert.Contains(run.Error, expected);
        StringAssert.Contains(run.Error, "--help");
        Assert.AreEqual("", run.Out, "a usage mistake prints nothing on standard output");
        Assert.IsTrue(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(l => l.StartsWith("usage: ", StringComparison.Ordinal) || l.StartsWith("see: ", StringComparison.Ordinal)), run.Error);
    }

    [TestMethod]
    [DataRow("status", "abc")]
    [DataRow("list")]
    [DataRow("download", "abc")]
    public async Task WithoutGasTokenEveryCommandExitsWith1NamingTheVariable(params string[] args)
    {
        var run = await RunAsync(args, token: null);

        Assert.AreEqual(ExitCodes.Error, run.ExitCode);
        Assert.AreEqual("GAS_TOKEN is not set: create a personal access token on the service's /account page and export GAS_TOKEN=<token>\n", run.Error);
        Assert.AreEqual("", run.Out);
    }

    [TestMethod]
    public async Task SubmittingAFileThatIsNotThereSaysSoBeforeAskingTheService()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"gas-missing-{Guid.NewGuid():N}.vcf");

        var run = await RunAsync(["submit", missing, "--wait"], token: "gas_pat_unused");

        Assert.AreEqual(ExitCodes.Error, run.ExitCode);
        Assert.AreEqual($"{missing}: no such file\n", run.Error);
    }

    [TestMethod]
    public async Task AServiceThatCannotBeReachedIsNamedWithTheVariablesThatSetIt()
    {
        var run = await RunAsync(["status", "abc"], token: "gas_pat_unused");

        Assert.AreEqual(ExitCodes.Error, run.ExitCode);
        StringAssert.StartsWith(run.Error, $"cannot reach the GAS service at {Unreachable} (");
        StringAssert.EndsWith(run.Error, "set GAS_URL or --url\n");
    }

    [TestMethod]
    [DataRow("ftp://example.org", null, "--url 'ftp://example.org' is not an http(s) URL")]
    [DataRow(null, "localhost:5000", "GAS_URL 'localhost:5000' is not an http(s) URL")]
    public void AnAddressThatIsNotHttpIsRefusedNamingWhereItCameFrom(string? option, string? variable, string expected)
    {
        var console = Console(new() { ["GAS_URL"] = variable });

        var refused = Assert.ThrowsExactly<CliException>(() => ApiSession.BaseUrl(console, option));

        Assert.AreEqual(ExitCodes.Error, refused.ExitCode);
        Assert.AreEqual(expected, refused.Message);
    }

    [TestMethod]
    [DataRow("https://gas.example.org/base", "http://127.0.0.1:1234", "https://gas.example.org/base/")]
    [DataRow(null, "http://127.0.0.1:1234", "http://127.0.0.1:1234/")]
    [DataRow(null, null, "http://localhost:5000/")]
    [DataRow("", "", "http://localhost:5000/")]
    public void TheUrlOptionWinsOverGasUrlWhichWinsOverTheLocalDefault(string? option, string? variable, string expected)
    {
        var url = ApiSession.BaseUrl(Console(new() { ["GAS_URL"] = variable }), option);

        Assert.AreEqual(expected, url.AbsoluteUri);
    }

    private static CliConsole Console(Dictionary<string, string?> environment, StringWriter? output = null, StringWriter? error = null) =>
        new(output ?? new StringWriter(), error ?? new StringWriter(), ErrorIsTerminal: false, name => environment.GetValueOrDefault(name));

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(string[] args, string? token)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = Console(new() { ["GAS_TOKEN"] = token, ["GAS_URL"] = Unreachable }, output, error);

        var exitCode = await GasCommandLine.RunAsync(args, console);

        return (exitCode, output.ToString(), error.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
