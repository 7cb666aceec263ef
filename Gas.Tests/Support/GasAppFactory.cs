using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Gas.Tests.Support;

/// <summary>The whole service in local mode (web + util + annotator in one process) over a fresh data folder.</summary>
public sealed class GasAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public GasAppFactory(IDictionary<string, string?>? settings = null, DateTimeOffset? start = null)
    {
        Clock = new FakeTimeProvider(start ?? DateTimeOffset.UtcNow);
        DataDirectory = Paths.NewTempDirectory();
        _settings = new Dictionary<string, string?>
        {
            ["Gas:Embedded:DataDirectory"] = DataDirectory,
            ["Gas:Admin:Email"] = AdminEmail,
            ["Gas:Admin:Password"] = AdminPassword,
            ["Gas:Annotator:PollWait"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "Admin-Passw0rd";

    public string DataDirectory { get; }

    /// <summary>The clock every component reads; tests move it instead of sleeping.</summary>
    public FakeTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }

    public BrowserSession NewSession() => new(this);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }
    }
}
