using Gas.Annotator.Engine;
using Gas.Annotator.Engine.FirstRun;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Engine;

/// <summary>AddAnnotationEngine: options from Gas:Engine, and which engine a daemon gets.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class EngineRegistration
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Validated on build: every registration, reference fetch's typed HttpClient included, can be constructed.
        return new ServiceCollection().AddLogging().AddAnnotationEngine(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [TestMethod]
    public void GivesTheReferenceEngineWhenTheFolderHoldsTables()
    {
        using var services = Build(new()
        {
            ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SyntheticDirectory,
            ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("registration"),
        });

        Assert.IsInstanceOfType<BuildAwareVcfEngine>(services.GetRequiredService<IAnnotationEngine>());
    }

    [TestMethod]
    public async Task GivesTheBasicEngineThatSaysSoWhenNoReferenceIsConfiguredAndAutoFetchIsOff()
    {
        using var services = Build(new() { ["Gas:Engine:AutoFetch"] = "false" });

        var engine = services.GetRequiredService<IAnnotationEngine>();
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(EngineTestData.Vcf("1\t5\t.\tA\tG\t.\t.\t.")));
        using var log = new StringWriter();
        var summary = await engine.AnnotateAsync(input, new MemoryStream(), log);

        Assert.IsInstanceOfType<BasicVcfEngine>(engine);
        StringAssert.Contains(log.ToString(), "no reference data configured");
        Assert.IsTrue(summary.Warnings.Any(w => w.Contains("reference", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task GivesTheBasicEngineWithTheReasonWhenTheFolderHasNoGeneTable()
    {
        using var services = Build(new() { ["Gas:Engine:ReferenceDirectory"] = EngineTestData.NewTempDirectory() });

        var engine = services.GetRequiredService<IAnnotationEngine>();
        using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(EngineTestData.Vcf("1\t5\t.\tA\tG\t.\t.\t.")));
        var summary = await engine.AnnotateAsync(input, new MemoryStream(), TextWriter.Null);

        Assert.IsInstanceOfType<BasicVcfEngine>(engine);
        StringAssert.Contains(summary.Warnings[0], "no refGene/refFlat table");
    }

    [TestMethod]
    public void FetchesHg19IntoTheDataDirectoryOnFirstRunWhenNoReferenceIsConfigured()
    {
        var data = EngineTestData.NewTempDirectory();
        using var services = Build(new() { ["Gas:Embedded:DataDirectory"] = data });

        Assert.IsInstanceOfType<SwitchableAnnotationEngine>(services.GetRequiredService<IAnnotationEngine>());
        Assert.AreEqual(Path.Combine(data, "reference"), services.GetRequiredService<ReferenceProvisioning>().Directory);
        Assert.IsTrue(services.GetServices<IHostedService>().OfType<ReferenceAutoFetch>().Any());
    }

    [TestMethod]
    [DataRow("Gas:Engine:AutoFetch", "false")]
    [DataRow("Gas:Engine:ReferenceDirectory", "/data/ref")]
    [DataRow("Gas:Provider", "aws")]
    public void FetchesNothingWhenAutoFetchIsOffAReferenceIsConfiguredOrTheServiceRunsOnAws(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        Assert.IsNull(EngineServiceCollectionExtensions.AutoFetchDirectory(configuration));
    }

    [TestMethod]
    public void RejectsAMisspeltKey()
    {
        using var services = Build(new() { ["Gas:Engine:ReferenceDirectroy"] = "/data/ref" });

        Assert.ThrowsExactly<InvalidOperationException>(() => services.GetRequiredService<IOptions<EngineOptions>>().Value);
    }

    [TestMethod]
    public void RejectsADownloadUrlThatIsNotAFile()
    {
        using var services = Build(new() { ["Gas:Engine:DownloadUrls:0"] = "ftp://example.org/" });

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<EngineOptions>>().Value);
        StringAssert.Contains(error.Message, "DownloadUrls");
    }

    [TestMethod]
    [DataRow("1000")]
    [DataRow("300000000")]
    public void RejectsALineLimitOutsideItsRange(string maxLineBytes)
    {
        using var services = Build(new() { ["Gas:Engine:MaxLineBytes"] = maxLineBytes });

        var error = Assert.ThrowsExactly<OptionsValidationException>(() => services.GetRequiredService<IOptions<EngineOptions>>().Value);
        StringAssert.Contains(error.Message, "MaxLineBytes");
    }

    [TestMethod]
    public void ValidatesTheOptionsAtStartUp()
    {
        using var services = Build(new() { ["Gas:Engine:DownloadTimeoutSeconds"] = "0" });

        var validators = services.GetServices<IStartupValidator>().ToList();

        Assert.IsNotEmpty(validators);
        Assert.ThrowsExactly<OptionsValidationException>(() => validators.ForEach(v => v.Validate()));
    }
}
