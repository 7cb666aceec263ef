using Gas.Annotator.Worker;
using Gas.Core;
using Gas.Core.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Gas.Tests.Support;

/// <summary>The embedded adapters and the annotator's runner, wired as the app wires them, over a fresh folder and a fake clock.</summary>
public sealed class EmbeddedServices : IDisposable
{
    public EmbeddedServices(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        DataDirectory = Paths.NewTempDirectory();
        var values = new Dictionary<string, string?>
        {
            ["Gas:Embedded:DataDirectory"] = DataDirectory,
            ["Gas:Annotator:Lease"] = "00:00:30",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddGasCore(configuration);
        services.AddEmbeddedAdapters(configuration);
        configure?.Invoke(services);
        services.AddAnnotatorWorker(configuration);
        // The tests drive the runner themselves; no background polling loop.
        services.RemoveAll<IHostedService>();
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public string DataDirectory { get; }

    public ServiceProvider Provider { get; }

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public void Dispose()
    {
        Provider.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
