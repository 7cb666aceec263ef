using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
            ["Gas:Util:ThawInitialDelay"] = "00:00:01",
            ["Gas:Util:SchedulePollingInterval"] = "00:00:01",
            // tests run offline: no first-run download of hg19 unless a test turns it on (and points it at loopback)
            ["Gas:Engine:AutoFetch"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public const string AdminEmail = "admin@example.org";
    public const string AdminPassword = "Gas-Admin-Tangerine-47";

    public string DataDirectory { get; }

    /// <summary>The clock every component reads; tests move it instead of sleeping.</summary>
    public FakeTimeProvider Clock { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            // Identity's own hasher with one PBKDF2 iteration instead of 100,000: registering and signing in are the
            // bulk of many tests, and the iteration count is stored in each hash, so verification is unchanged.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1);
        });
    }

    /// <summary>
    /// The app's entry point reports a bad configuration on standard error and returns (exit code 1) instead of
    /// throwing; here the same check throws, so a test sees which key was refused.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public BrowserSession NewSession() => new(this);

    /// <summary>
    /// The app served by real Kestrel on a free loopback port, so a real browser can reach it;
    /// the emails' links point at that address.
    /// </summary>
    public static (GasAppFactory App, Uri Address) StartOnKestrel(IDictionary<string, string?>? settings = null)
    {
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Gas:Util:PublicBaseUrl"] = address.ToString(),
        };
        var app = new GasAppFactory(all);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.StartServer();
        return (app, address);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs something with a DI scope of the app, as a Hangfire job would get.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

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
