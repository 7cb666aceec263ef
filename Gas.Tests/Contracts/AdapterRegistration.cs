using Gas.Core;
using Gas.Core.Archive;
using Gas.Core.Email;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Contracts;

/// <summary>Both adapter families register the same ports the same way, and Gas.Core stands without ASP.NET.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class AdapterRegistration
{
    private static readonly Type[] Ports =
        [typeof(IJobStore), typeof(IObjectStore), typeof(IArchiveStore), typeof(IQueue), typeof(ITopic), typeof(IEmailSender), typeof(IMailbox)];

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public void EachFamilyRegistersEveryPortOnceAsASingleton(string family)
    {
        var services = Registrations(family);

        foreach (var port in Ports)
        {
            var registrations = services.Where(d => d.ServiceType == port).ToList();
            Assert.HasCount(1, registrations, $"{family}: {port.Name}");
            Assert.AreEqual(ServiceLifetime.Singleton, registrations[0].Lifetime, $"{family}: {port.Name}");
        }
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public void AddingCoreAndTheFamilyTwiceAddsNothingTwice(string family)
    {
        var once = Registrations(family).Count(d => d.ServiceType.Name.Contains("Options", StringComparison.Ordinal));
        var configuration = Configuration(family);
        var twice = new ServiceCollection();
        twice.AddGasCore(configuration).AddGasCore(configuration).AddGasAdapters(configuration);

        Assert.AreEqual(once, twice.Count(d => d.ServiceType.Name.Contains("Options", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void GasCoreReferencesNoAspNetAssembly()
    {
        var references = typeof(FolderObjectStore).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.IsFalse(references.Any(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)), string.Join(", ", references));
    }

    private static ServiceCollection Registrations(string family)
    {
        var services = new ServiceCollection();
        services.AddGasAdapters(Configuration(family));
        return services;
    }

    private static IConfiguration Configuration(string family) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Gas:Provider"] = family,
        ["Gas:Aws:Region"] = "us-east-1",
        ["Gas:Email:Smtp:Host"] = family == "aws" ? "127.0.0.1" : null,
    }).Build();
}
