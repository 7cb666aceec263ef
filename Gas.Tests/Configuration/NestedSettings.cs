using Gas.Core;
using Gas.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Configuration;

/// <summary>Nested settings are checked at start-up like the top level; each fault is reported on one line naming its key.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class NestedSettings
{
    [TestMethod]
    [DataRow("Gas:Messaging:Queues:gas-results-notify:VisibilityTimeoutSeconds", "-1", "Gas:Messaging:Queues:gas-results-notify:VisibilityTimeoutSeconds")]
    [DataRow("Gas:Messaging:Queues:gas-results-notify:VisiblityTimeoutSeconds", "30", "Gas:Messaging:Queues:gas-results-notify:VisiblityTimeoutSeconds")]
    [DataRow("Gas:Messaging:Queues:gas-results-notfy:MaxReceiveCount", "5", "Gas:Messaging:Queues:gas-results-notfy")]
    [DataRow("Gas:Email:Smtp:Port", "70000", "Gas:Email:Smtp:Port")]
    [DataRow("Gas:Email:Smtp:Port", "smtp", "Gas:Email:Smtp:Port")]
    [DataRow("Gas:Email:Smtp:Prot", "25", "Gas:Email:Smtp:Prot")]
    [DataRow("Gas:Embedded:StandardRestoreDelay", "-00:01:00", "Gas:Embedded:StandardRestoreDelay")]
    [DataRow("Gas:Embedded:ExpeditedDelay", "00:01:00", "Gas:Embedded:ExpeditedDelay")]
    [DataRow("Gas:Retention:FreeWindow", "00:01:00", "Gas:Retention:FreeWindow")]
    public void ABadNestedSettingFailsTheCheckWithOneLineNamingItsKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key.StartsWith("Gas:Email:Smtp:", StringComparison.Ordinal))
        {
            settings["Gas:Email:Smtp:Host"] = "127.0.0.1";
        }

        var (passed, output) = Check(settings);

        Assert.IsFalse(passed, output);
        StringAssert.Contains(output, expected);
        Assert.AreEqual(1, output.TrimEnd().Split('\n').Length, output);
        StringAssert.StartsWith(output, "Configuration error: ");
    }

    [TestMethod]
    public void EveryFaultIsNamedOnTheSameLine()
    {
        var (passed, output) = Check(new Dictionary<string, string?>
        {
            ["Gas:Email:Smtp:Host"] = "127.0.0.1",
            ["Gas:Email:Smtp:Port"] = "0",
            ["Gas:Embedded:BulkRestoreDelay"] = "-00:00:01",
        });

        Assert.IsFalse(passed);
        StringAssert.Contains(output, "Gas:Email:Smtp:Port");
        StringAssert.Contains(output, "Gas:Embedded:BulkRestoreDelay");
        Assert.AreEqual(1, output.TrimEnd().Split('\n').Length, output);
    }

    [TestMethod]
    public void GoodNestedSettingsPassAndPrintNothing()
    {
        var (passed, output) = Check(new Dictionary<string, string?>
        {
            ["Gas:Email:Smtp:Host"] = "127.0.0.1",
            ["Gas:Email:Smtp:Port"] = "2525",
            ["Gas:Messaging:Queues:gas-results-notify:VisibilityTimeoutSeconds"] = "30",
            ["Gas:Messaging:Queues:gas-results-notify-dlq:MaxReceiveCount"] = "0",
            ["Gas:Embedded:StandardRestoreDelay"] = "00:00:00",
        });

        Assert.IsTrue(passed, output);
        Assert.AreEqual("", output);
    }

    private static (bool Passed, string Output) Check(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddGasCore(configuration).AddGasAdapters(configuration).BuildServiceProvider();
        using var error = new StringWriter();
        var passed = ConfigurationCheck.Passes(services, error);
        return (passed, error.ToString());
    }
}
