using Gas.Deploy;

namespace Gas.Tests.Deploy;

[TestClass]
[TestCategory("Deploy")]
[DoNotParallelize]
public sealed class DeploySettings
{
    [TestMethod]
    public void ReadsTheArtifactLocationAndPrefixFromContext()
    {
        var settings = GasSettings.FromContext(SynthesizedEnvironment.NewApp(SynthesizedEnvironment.Context()).Node);
        Assert.AreEqual("gas-artifacts-example", settings.ArtifactBucket);
        Assert.AreEqual("releases/2026-11-01", settings.ArtifactPrefix);
        Assert.AreEqual("test-gas-web", settings.Name("gas-web"));
        Assert.AreEqual(SynthesizedEnvironment.CertificateArn, settings.CertificateArn);
    }

    [TestMethod]
    public void ReadsTheSiteAddressForEmailLinksWithoutItsTrailingSlash()
    {
        var context = SynthesizedEnvironment.Context();
        Assert.IsNull(GasSettings.FromContext(SynthesizedEnvironment.NewApp(context).Node).SiteUrl, "unset: the load balancer's name");
        context["gas:siteUrl"] = "https://gas.example.org/";
        Assert.AreEqual("https://gas.example.org", GasSettings.FromContext(SynthesizedEnvironment.NewApp(context).Node).SiteUrl);
    }

    [TestMethod]
    [DataRow("gas:certificateArn")]
    [DataRow("gas:artifacts")]
    [DataRow("gas:emailFrom")]
    public void StopsTheSynthNamingAMissingRequiredKey(string key)
    {
        var context = SynthesizedEnvironment.Context();
        context.Remove(key);
        var error = Assert.ThrowsExactly<ArgumentException>(() => GasSettings.FromContext(SynthesizedEnvironment.NewApp(context).Node));
        Assert.Contains(key, error.Message);
    }

    [TestMethod]
    [DataRow("gas:prefix", "Upper-Case-")]
    [DataRow("gas:prefix", "much-too-long-a-prefix-")]
    [DataRow("gas:artifacts", "https://example.org/build")]
    [DataRow("gas:certificateArn", "my-certificate")]
    [DataRow("gas:siteUrl", "http://gas.example.org")]
    [DataRow("gas:siteUrl", "https://gas.example.org/app")]
    [DataRow("gas:siteUrl", "gas.example.org")]
    public void RefusesMalformedValues(string key, string value)
    {
        var context = SynthesizedEnvironment.Context();
        context[key] = value;
        var error = Assert.ThrowsExactly<ArgumentException>(() => GasSettings.FromContext(SynthesizedEnvironment.NewApp(context).Node));
        Assert.Contains(key, error.Message);
    }

    [TestMethod]
    public void EnvironmentFileRefusesValuesThatWouldBreakOutOfTheirQuotes() =>
        Assert.ThrowsExactly<ArgumentException>(() => ServiceBoot.EnvironmentFile(new Dictionary<string, string> { ["Gas__Email__From"] = "a\"; rm -rf /" }));
}
