using System.Text;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;

namespace Gas.Deploy;

/// <summary>One GAS process on an instance: which build it runs and the configuration it gets.</summary>
public sealed record ServiceDefinition
{
    /// <summary>The systemd unit, e.g. <c>gas-web</c>.</summary>
    public required string ServiceName { get; init; }

    /// <summary>The published build's file name under the artifact location, e.g. <c>web.tar.gz</c>.</summary>
    public required string Artifact { get; init; }

    /// <summary>The self-contained build's entry point at the archive's top level, e.g. <c>Gas.RazorPages</c>.</summary>
    public required string Executable { get; init; }

    /// <summary>Configuration keys in environment-variable form (<c>Gas__Roles</c>); values may be CloudFormation tokens.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public string? DatabaseSecretArn { get; init; }
    public string? AppSecretArn { get; init; }
    public bool SelfSignedKestrelCertificate { get; init; }
}

/// <summary>
/// Builds the user data that turns a fresh Amazon Linux 2023 instance into a GAS server with no
/// hands on it: configuration files, the install script, and one run of it (download, unpack,
/// systemd unit with Restart=always, enabled so it survives a reboot).
/// </summary>
public static class ServiceBoot
{
    public const string BootLog = "/var/log/gas-boot.log";

    public static UserData UserDataFor(ServiceDefinition service, GasSettings settings)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(settings);

        var boot = new Dictionary<string, string>
        {
            ["GAS_SERVICE"] = service.ServiceName,
            ["GAS_ARTIFACT"] = $"{settings.ArtifactLocation}/{service.Artifact}",
            ["GAS_EXECUTABLE"] = service.Executable,
            ["GAS_REGION"] = Aws.REGION,
            ["GAS_DB_SECRET_ARN"] = service.DatabaseSecretArn ?? "",
            ["GAS_APP_SECRET_ARN"] = service.AppSecretArn ?? "",
            ["GAS_APP_SECRET_KEYS"] = service.AppSecretArn is null ? "" : string.Join(",", AppSecrets.Keys),
            ["GAS_KESTREL_SELF_SIGNED"] = service.SelfSignedKestrelCertificate ? "true" : "false",
        };

        var userData = UserData.ForLinux();
        userData.AddCommands(
            "set -euo pipefail",
            $"exec >>{BootLog} 2>&1",
            "install -d -m 0755 /etc/gas /opt/gas /opt/gas/bin",
            WriteFile("/etc/gas/boot.env", EnvironmentFile(boot)),
            WriteFile("/etc/gas/gas.env", EnvironmentFile(service.Environment)),
            WriteFile("/opt/gas/bin/gas-install", Resource("gas-install.sh")),
            WriteFile("/opt/gas/bin/gas-fetch-secrets", Resource("gas-fetch-secrets.py")),
            "chmod 0644 /etc/gas/boot.env /etc/gas/gas.env",
            "chmod 0755 /opt/gas/bin/gas-install /opt/gas/bin/gas-fetch-secrets",
            "/opt/gas/bin/gas-install");
        return userData;
    }

    /// <summary>A systemd EnvironmentFile (also valid bash): every value double-quoted.</summary>
    public static string EnvironmentFile(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = new StringBuilder();
        foreach (var (key, value) in values)
        {
            if (!Token.IsUnresolved(value) && value.IndexOfAny(['"', '\\', '$', '`', '\n', '\r']) >= 0)
            {
                throw new ArgumentException($"The value of {key} has a character an environment file cannot carry safely.", nameof(values));
            }
            text.Append(key).Append("=\"").Append(value).Append("\"\n");
        }
        return text.ToString();
    }

    private static string WriteFile(string path, string content) =>
        $"cat >{path} <<'GAS_EOF'\n{content.TrimEnd('\n')}\nGAS_EOF";

    private static string Resource(string name)
    {
        using var stream = typeof(ServiceBoot).Assembly.GetManifestResourceStream($"Gas.Deploy.Boot.{name}")
            ?? throw new InvalidOperationException($"Embedded resource Boot/{name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
