using System.Diagnostics;
using System.Text.Json.Nodes;
using Gas.Deploy;
using Gas.Tests.Support;
using static Gas.Tests.Deploy.SynthesizedEnvironment;

namespace Gas.Tests.Deploy;

/// <summary>
/// The application secret starts with empty values; an instance must refuse to start GAS on them, naming the empty keys.
/// These run the fetch script exactly as the user data installs it, with a stand-in for the AWS CLI (no AWS here).
/// </summary>
[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AppSecretAtBoot
{
    private const string DatabaseSecret = """{"host":"db.example","port":5432,"username":"gas_admin","password":"pw","dbname":"gas"}""";

    /// <summary>Answers <c>aws secretsmanager get-secret-value --secret-id ID</c> from the file named after ID.</summary>
    private const string AwsCliStandIn = """
        #!/bin/sh
        while [ $# -gt 0 ]; do
            if [ "$1" = --secret-id ]; then id=$2; fi
            shift
        done
        cat "$STUB_SECRETS/$(printf %s "$id" | tr -c 'A-Za-z0-9' _).json"
        """;

    /// <summary>A file the user data writes with a heredoc, e.g. <c>/etc/gas/boot.env</c>.</summary>
    private static string WrittenFile(string script, string path)
    {
        var start = $"cat >{path} <<'GAS_EOF'\n";
        var from = script.IndexOf(start, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, from, $"the user data writes {path}");
        from += start.Length;
        return script[from..script.IndexOf("\nGAS_EOF", from, StringComparison.Ordinal)] + "\n";
    }

    private static Dictionary<string, string> BootSettings(string script) =>
        WrittenFile(script, "/etc/gas/boot.env").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim('"'));

    /// <summary>The application secret as the stack creates it.</summary>
    private static JsonObject SecretAsCreated()
    {
        var (_, secret) = ResourceWith("AWS::SecretsManager::Secret", "Name", Prefix + "gas-app");
        return (JsonObject)JsonNode.Parse((string)secret["SecretString"]!)!;
    }

    private static JsonObject FilledSecret() => new()
    {
        ["Stripe__SecretKey"] = "sk_live_filled",
        ["Stripe__WebhookSecret"] = "whsec_filled",
        ["Stripe__PriceId"] = "price_filled",
        ["Gas__Email__Smtp__UserName"] = "AKIAEXAMPLE",
        ["Gas__Email__Smtp__Password"] = "smtp-password",
    };

    /// <summary>Runs the instance's gas-fetch-secrets with the given application secret; returns its exit code, stderr and output file.</summary>
    private static (int ExitCode, string Errors, string? Written) FetchSecrets(string launchTemplate, JsonObject appSecret, bool check = false)
    {
        var script = UserData(launchTemplate);
        var work = Paths.NewTempDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(work, "bin")).FullName;
        var secrets = Directory.CreateDirectory(Path.Combine(work, "secrets")).FullName;
        File.WriteAllText(Path.Combine(work, "boot.env"), WrittenFile(script, "/etc/gas/boot.env"));
        File.WriteAllText(Path.Combine(work, "gas-fetch-secrets"), WrittenFile(script, "/opt/gas/bin/gas-fetch-secrets"));
        File.WriteAllText(Path.Combine(bin, "aws"), AwsCliStandIn.Replace("\r", "", StringComparison.Ordinal) + "\n");
        File.SetUnixFileMode(Path.Combine(bin, "aws"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var boot = BootSettings(script);
        foreach (var (arn, json) in new[] { (boot["GAS_APP_SECRET_ARN"], appSecret.ToJsonString()), (boot["GAS_DB_SECRET_ARN"], DatabaseSecret) })
        {
            if (arn.Length > 0)
            {
                File.WriteAllText(Path.Combine(secrets, string.Concat(arn.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')) + ".json"), json);
            }
        }

        var target = Path.Combine(work, "run", "secrets.env");
        // The system interpreter, as on the instance: a version manager's shim would put its own tools (a real aws) before the stand-in.
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(work, "gas-fetch-secrets"));
        start.ArgumentList.Add(check ? "--check" : target);
        start.Environment["GAS_BOOT_ENV"] = Path.Combine(work, "boot.env");
        start.Environment["STUB_SECRETS"] = secrets;
        start.Environment["PATH"] = bin + ":" + System.Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(2)), "gas-fetch-secrets did not finish");
        return (process.ExitCode, errors.Result, File.Exists(target) ? File.ReadAllText(target) : null);
    }

    [TestMethod]
    [DataRow("test-gas-web")]
    [DataRow("test-gas-util")]
    public void TellsWebAndUtilThatEveryApplicationSecretKeyIsRequired(string launchTemplate)
    {
        Assert.AreEqual(string.Join(",", AppSecrets.Keys), BootSettings(UserData(launchTemplate))["GAS_APP_SECRET_KEYS"]);
        CollectionAssert.AreEquivalent(AppSecrets.Keys.ToList(), SecretAsCreated().Select(pair => pair.Key).ToList(), "the stack creates every key");
    }

    [TestMethod]
    [DataRow("test-gas-web", false)]
    [DataRow("test-gas-util", false)]
    [DataRow("test-gas-web", true)]
    public void TheSecretAsTheStackCreatesItStopsTheServiceNamingTheEmptyKeys(string launchTemplate, bool check)
    {
        var (exitCode, errors, written) = FetchSecrets(launchTemplate, SecretAsCreated(), check);

        Assert.AreNotEqual(0, exitCode, errors);
        foreach (var key in AppSecrets.Keys)
        {
            StringAssert.Contains(errors, key);
        }

        StringAssert.Contains(errors, "GAS will not start");
        Assert.IsNull(written, "no environment file for the service to start with");
    }

    [TestMethod]
    public void OneEmptyStripeValueIsEnoughAndIsNamed()
    {
        var secret = FilledSecret();
        secret["Stripe__PriceId"] = "";

        var (exitCode, errors, _) = FetchSecrets("test-gas-web", secret);

        Assert.AreNotEqual(0, exitCode, errors);
        StringAssert.Contains(errors, "no value for Stripe__PriceId;");
    }

    [TestMethod]
    public void AFilledSecretBecomesTheServicesEnvironment()
    {
        var (exitCode, errors, written) = FetchSecrets("test-gas-web", FilledSecret());

        Assert.AreEqual(0, exitCode, errors);
        StringAssert.Contains(written, "Stripe__SecretKey=\"sk_live_filled\"\n");
        StringAssert.Contains(written, "Stripe__PriceId=\"price_filled\"\n");
        StringAssert.Contains(written, "ConnectionStrings__Accounts=\"Host=db.example;");
        Assert.AreEqual(0, FetchSecrets("test-gas-web", FilledSecret(), check: true).ExitCode);
    }

    [TestMethod]
    public void TheAnnotatorReadsNoApplicationSecret()
    {
        var boot = BootSettings(UserData("test-gas-ann"));
        Assert.AreEqual("", boot["GAS_APP_SECRET_KEYS"]);
        Assert.AreEqual(0, FetchSecrets("test-gas-ann", SecretAsCreated(), check: true).ExitCode);
    }

    [TestMethod]
    public void InstallingChecksTheSecretBeforeStartingTheService()
    {
        var install = WrittenFile(UserData("test-gas-web"), "/opt/gas/bin/gas-install");
        var check = install.IndexOf("if ! /opt/gas/bin/gas-fetch-secrets --check; then", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, check, "gas-install checks the application secret");
        Assert.IsLessThan(install.IndexOf("systemctl restart \"$GAS_SERVICE.service\"\necho", StringComparison.Ordinal), check);
        StringAssert.Contains(install[check..], "exit 1", "and fails the boot when it is not filled");
    }
}
