using Gas.Annotator.Cli;

namespace Gas.Tests.Aws;

/// <summary>The <c>aws provision</c> command's argument handling (the provisioning itself runs in every aws contract test).</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class AwsProvisionCommand
{
    [TestMethod]
    [DataRow(new string[0])]
    [DataRow(new[] { "annotate", "in.vcf" })]
    [DataRow(new[] { "--Gas:Provider=aws" })]
    public void LeavesOtherCommandLinesToTheDaemon(string[] args) =>
        Assert.IsNull(AwsCommands.TryRunAsync(args));

    [TestMethod]
    public async Task ExplainsItsUsageForAnUnknownAwsVerb()
    {
        var run = AwsCommands.TryRunAsync(["aws", "destroy"]);

        Assert.IsNotNull(run);
        Assert.AreEqual(2, await run);
    }
}
