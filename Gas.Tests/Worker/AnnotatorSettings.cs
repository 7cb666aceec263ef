using Gas.Annotator.Worker;
using Gas.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Worker;

/// <summary>Gas:Annotator: the time budget and the plan limits are bound strictly and checked at start-up.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class AnnotatorSettings
{
    private static AnnotatorOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddAnnotatorWorker(configuration, runWorker: false).BuildServiceProvider();
        return services.GetRequiredService<IOptions<AnnotatorOptions>>().Value;
    }

    [TestMethod]
    public void DefaultsToAnHourAndTheDocumentedPlanLimits()
    {
        var options = Bind([]);

        Assert.AreEqual(TimeSpan.FromHours(1), options.JobTimeBudget);
        Assert.AreEqual(new Gas.Annotator.Engine.AnnotationLimits("Free", 50L << 20, 250_000, "upgrade to Premium for larger inputs, or split the file"),
            options.Limits.For(UserTier.Free));
        Assert.AreEqual(100_000_000, options.Limits.For(UserTier.Premium).MaxVariants);
    }

    [TestMethod]
    public void ChangesOneLimitAndKeepsTheOthers()
    {
        var options = Bind(new() { ["Gas:Annotator:Limits:Free:MaxVariants"] = "1000", ["Gas:Annotator:JobTimeBudget"] = "00:20:00" });

        Assert.AreEqual(1000, options.Limits.Free.MaxVariants);
        Assert.AreEqual(50L << 20, options.Limits.Free.MaxDecompressedBytes);
        Assert.AreEqual(TimeSpan.FromMinutes(20), options.JobTimeBudget);
    }

    [TestMethod]
    public void RejectsALimitOfZeroNamingIt()
    {
        var error = Assert.ThrowsExactly<OptionsValidationException>(() => Bind(new() { ["Gas:Annotator:Limits:Premium:MaxVariants"] = "0" }));

        StringAssert.Contains(error.Message, "Gas:Annotator:Limits:Premium");
    }

    [TestMethod]
    public void RejectsAMisspeltLimit()
    {
        var error = Assert.ThrowsExactly<OptionsValidationException>(() => Bind(new() { ["Gas:Annotator:Limits:Free:MaxVariant"] = "10" }));

        StringAssert.Contains(error.Message, "Gas:Annotator:Limits:Free:MaxVariant");
    }

    [TestMethod]
    public void RejectsABudgetOfNothing()
    {
        var error = Assert.ThrowsExactly<OptionsValidationException>(() => Bind(new() { ["Gas:Annotator:JobTimeBudget"] = "00:00:00" }));

        StringAssert.Contains(error.Message, "JobTimeBudget");
    }
}
