using static Gas.Tests.Deploy.SynthesizedEnvironment;

namespace Gas.Tests.Deploy;

[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed class InstanceBoot
{
    [TestMethod]
    [DataRow("test-gas-web", "web.tar.gz", "Gas.RazorPages", "gas-web")]
    [DataRow("test-gas-util", "web.tar.gz", "Gas.RazorPages", "gas-util")]
    [DataRow("test-gas-ann", "annotator.tar.gz", "Gas.Annotator", "gas-ann")]
    public void InstallsThePublishedBuildFromTheArtifactLocation(string launchTemplate, string artifact, string executable, string service)
    {
        var script = UserData(launchTemplate);
        Assert.StartsWith("#!/bin/bash\n", script);
        Assert.Contains($"GAS_ARTIFACT=\"{Artifacts}/{artifact}\"", script);
        Assert.Contains($"GAS_EXECUTABLE=\"{executable}\"", script);
        Assert.Contains($"GAS_SERVICE=\"{service}\"", script);
        Assert.Contains("aws s3 cp", script);
        Assert.EndsWith("/opt/gas/bin/gas-install", script.TrimEnd());
    }

    [TestMethod]
    [DataRow("test-gas-web")]
    [DataRow("test-gas-util")]
    [DataRow("test-gas-ann")]
    public void RunsTheServiceUnderSystemdSoItSurvivesCrashesAndReboots(string launchTemplate)
    {
        var script = UserData(launchTemplate);
        Assert.Contains("Restart=always", script);
        Assert.Contains("StartLimitIntervalSec=0", script);
        Assert.Contains("WantedBy=multi-user.target", script);
        Assert.Contains("systemctl enable \"$GAS_SERVICE.service\"", script);
        Assert.Contains("User=gas", script, "never as root");
    }

    [TestMethod]
    [DataRow("test-gas-web")]
    [DataRow("test-gas-util")]
    [DataRow("test-gas-ann")]
    public void WritesTheSharedConfiguration(string launchTemplate)
    {
        var script = UserData(launchTemplate);
        foreach (var key in new[]
        {
            "Gas__Provider=\"aws\"",
            "Gas__Aws__Region=",
            "Gas__Aws__JobsTable=",
            "Gas__Storage__InputsBucket=",
            "Gas__Storage__ResultsBucket=",
            "Gas__Storage__ArchiveBucket=",
            "Gas__Messaging__JobRequestsTopic=",
            "Gas__Messaging__JobResultsTopic=",
            "Gas__Messaging__RestoreTopic=",
            "Gas__Messaging__JobRequestsQueue=",
            "Gas__Messaging__ResultsNotifyQueue=",
            "Gas__Messaging__ResultsArchiveQueue=",
            "Gas__Messaging__RestoreQueue=",
            $"Gas__Email__From=\"{EmailFrom}\"",
            "Gas__Email__Smtp__Port=\"587\"",
            "Gas__Accounts__Provider=\"postgres\"",
        })
        {
            Assert.Contains("\n" + key, script, key);
        }
        var secretKeys = ConfigurationFile(script)
            .Select(line => line[..line.IndexOf('=', StringComparison.Ordinal)])
            .Where(key => key.Contains("Password", StringComparison.Ordinal)
                || key.Contains("Secret", StringComparison.Ordinal)
                || key.StartsWith("ConnectionStrings", StringComparison.Ordinal))
            .ToList();
        Assert.IsEmpty(secretKeys, "secrets come from Secrets Manager at service start, never from user data");
    }

    /// <summary>The lines of /etc/gas/gas.env as the user data writes it.</summary>
    private static List<string> ConfigurationFile(string script)
    {
        const string Start = "cat >/etc/gas/gas.env <<'GAS_EOF'\n";
        var from = script.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        var to = script.IndexOf("\nGAS_EOF", from, StringComparison.Ordinal);
        return [.. script[from..to].Split('\n')];
    }

    [TestMethod]
    public void WebServesHttpsOn4433WithASelfSignedCertificateAndTheWebRole()
    {
        var script = UserData("test-gas-web");
        Assert.Contains("Gas__Roles=\"web\"", script);
        Assert.Contains("ASPNETCORE_URLS=\"https://0.0.0.0:4433\"", script);
        Assert.Contains("GAS_KESTREL_SELF_SIGNED=\"true\"", script);
        Assert.Contains("Kestrel__Certificates__Default__Path=/etc/gas/kestrel.pfx", script);
    }

    [TestMethod]
    public void UtilRunsTheHangfireServerRoleOnLoopbackOnly()
    {
        var script = UserData("test-gas-util");
        Assert.Contains("Gas__Roles=\"util\"", script);
        Assert.Contains("ASPNETCORE_URLS=\"http://127.0.0.1:5080\"", script);
        Assert.Contains("GAS_KESTREL_SELF_SIGNED=\"false\"", script);
    }

    [TestMethod]
    [DataRow("test-gas-web")]
    [DataRow("test-gas-util")]
    public void WebAndUtilLinkEmailsToTheSiteNotToTheirOwnAddress(string launchTemplate)
    {
        // Without gas:siteUrl the site is the load balancer's own name; never localhost or an instance's address.
        var line = ConfigurationFile(UserData(launchTemplate)).Single(l => l.StartsWith("Gas__Util__PublicBaseUrl=", StringComparison.Ordinal));
        StringAssert.StartsWith(line, "Gas__Util__PublicBaseUrl=\"https://{ref:");
        StringAssert.EndsWith(line, ".DNSName}\"");
    }

    [TestMethod]
    public void OnlyWebAndUtilAreToldWhereTheSecretsAre()
    {
        Assert.Contains("GAS_DB_SECRET_ARN=\"{ref:", UserData("test-gas-web"));
        Assert.Contains("GAS_APP_SECRET_ARN=\"{ref:", UserData("test-gas-util"));
        Assert.Contains("GAS_DB_SECRET_ARN=\"\"", UserData("test-gas-ann"));
        Assert.Contains("GAS_APP_SECRET_ARN=\"\"", UserData("test-gas-ann"));
    }

    [TestMethod]
    [DataRow("test-gas-web")]
    [DataRow("test-gas-util")]
    [DataRow("test-gas-ann")]
    public void FitsEc2sUserDataLimit(string launchTemplate) =>
        Assert.IsLessThan(16 * 1024, System.Text.Encoding.UTF8.GetByteCount(UserData(launchTemplate)) + 2048,
            "16 KB before base64, with room for resolved ARNs and names");

    [TestMethod]
    public void NoInstanceHasAKeyPairAPublicAddressOrIMDSv1()
    {
        var templates = Resources("AWS::EC2::LaunchTemplate").ToList();
        Assert.HasCount(3, templates);
        foreach (var (_, template) in templates)
        {
            var data = template["LaunchTemplateData"]!;
            Assert.IsNull(data["KeyName"], "no SSH: there is no key to log in with");
            Assert.AreEqual("required", (string?)data["MetadataOptions"]!["HttpTokens"]);
            Assert.IsFalse((bool?)data["NetworkInterfaces"]![0]!["AssociatePublicIpAddress"]);
            Assert.IsTrue((bool?)data["BlockDeviceMappings"]![0]!["Ebs"]!["Encrypted"]);
        }
    }

    [TestMethod]
    public void NoSecurityGroupOpensSsh()
    {
        var inline = Resources("AWS::EC2::SecurityGroup")
            .SelectMany(group => group.Properties["SecurityGroupIngress"]?.AsArray() ?? [])
            .Select(rule => rule!.AsObject());
        var separate = Resources("AWS::EC2::SecurityGroupIngress").Select(rule => rule.Properties);
        foreach (var rule in inline.Concat(separate))
        {
            var from = (int?)rule["FromPort"] ?? 0;
            var to = (int?)rule["ToPort"] ?? 65535;
            Assert.IsFalse(from <= 22 && 22 <= to, rule.ToJsonString());
            Assert.AreNotEqual("-1", (string?)rule["IpProtocol"], "no all-protocol ingress");
        }
    }
}
