using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Tests.Contracts;
using Gas.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.EndToEnd;

/// <summary>
/// GAS as production runs it, against the emulators: the web role, the util role and the annotator daemon as three
/// separate processes (the built Gas.RazorPages.dll twice, Gas.Annotator.dll once), sharing only configuration.
/// </summary>
internal sealed class AwsProcesses : IAsyncDisposable
{
    private readonly List<(string Name, Process Process, StringBuilder Output)> _processes = [];
    private readonly string _dataDirectory = Paths.NewTempDirectory();

    private AwsProcesses(Dictionary<string, string?> settings, Uri web)
    {
        Settings = settings;
        Web = web;
    }

    public Dictionary<string, string?> Settings { get; }
    public Uri Web { get; }

    public static async Task<AwsProcesses> StartAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Gas:Provider"] = "aws",
            ["Gas:Aws:Region"] = AdapterFamily.Region,
            ["Gas:Aws:JobsTable"] = "e2e-annotations-" + suffix,
            ["Gas:Aws:DynamoDbServiceUrl"] = Emulators.DynamoDb.ToString(),
            ["Gas:Aws:ServiceUrl"] = Emulators.Fauxqs.ToString(),
            ["Gas:Aws:S3ForcePathStyle"] = "true",
            // fauxqs has no object tagging: it would store a tagging request's XML as the object.
            ["Gas:Aws:TagUploads"] = "false",
            ["Gas:Storage:InputsBucket"] = "e2e-inputs-" + suffix,
            ["Gas:Storage:ResultsBucket"] = "e2e-results-" + suffix,
            ["Gas:Storage:ArchiveBucket"] = "e2e-archive-" + suffix,
            ["Gas:Messaging:JobRequestsTopic"] = "e2e-requests-" + suffix,
            ["Gas:Messaging:JobResultsTopic"] = "e2e-results-" + suffix,
            ["Gas:Messaging:RestoreTopic"] = "e2e-restores-" + suffix,
            ["Gas:Messaging:JobRequestsQueue"] = "e2e-requests-" + suffix,
            ["Gas:Messaging:ResultsNotifyQueue"] = "e2e-notify-" + suffix,
            ["Gas:Messaging:ResultsArchiveQueue"] = "e2e-archive-" + suffix,
            ["Gas:Messaging:RestoreQueue"] = "e2e-restore-" + suffix,
            ["Gas:Email:From"] = "gas@example.test",
            ["Gas:Email:Smtp:Host"] = "127.0.0.1",
            ["Gas:Email:Smtp:Port"] = Emulators.MaildevSmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Gas:Email:Smtp:UseTls"] = "false",
        };

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging()
            .AddSingleton(new AwsClients(configuration.GetSection(AwsOptions.Section).Get<AwsOptions>()!, AdapterFamily.EmulatorCredentials))
            .AddAwsAdapters(configuration);
        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<AwsResourceProvisioner>().ProvisionAsync();
        }

        var webPort = FreePort();
        var processes = new AwsProcesses(settings, new Uri($"http://127.0.0.1:{webPort}/"));
        try
        {
            processes.Start("annotator", "Gas.Annotator", null, null);
            processes.Start("web", "Gas.RazorPages", "web", webPort);
            // The web process creates the accounts schema; util starting alongside would race it (EnsureCreated is not concurrent-safe).
            await processes.WaitUntilServingAsync(processes.Web);
            var utilPort = FreePort();
            processes.Start("util", "Gas.RazorPages", "util", utilPort);
            await processes.WaitUntilServingAsync(new Uri($"http://127.0.0.1:{utilPort}/"));
            return processes;
        }
        catch
        {
            await processes.DisposeAsync();
            throw;
        }
    }

    /// <summary>An S3 client on the emulator, standing in for the browser's direct upload (fauxqs ignores browser POSTs).</summary>
    public static IAmazonS3 S3() => new AwsClients(new AwsOptions
    {
        Region = AdapterFamily.Region,
        ServiceUrl = Emulators.Fauxqs,
        S3ForcePathStyle = true,
    }, AdapterFamily.EmulatorCredentials).CreateS3();

    public static async Task UploadAsBrowserAsync(string bucket, string key, byte[] content)
    {
        using var s3 = S3();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(content) });
    }

    /// <summary>Everything the processes printed, for a failure message.</summary>
    public string Output() => string.Join("\n", _processes.Select(p => $"--- {p.Name} ---\n{Tail(p.Output)}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, process, _) in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
                }
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Start(string name, string project, string? roles, int? port)
    {
        var dll = Path.Combine(Paths.RepositoryRoot, project, "bin", BuildConfiguration, "net10.0", project + ".dll");
        Assert.IsTrue(File.Exists(dll), $"{dll} is missing: build the solution first.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(Paths.RepositoryRoot, project),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "emulator";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "emulator";
        start.Environment["AWS_REGION"] = AdapterFamily.Region;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Gas__Embedded__DataDirectory"] = Path.Combine(_dataDirectory, name);
        if (roles is not null)
        {
            start.Environment["Gas__Admin__Password"] = "E2e-Copper-Meadow-81";
            start.Environment["Gas__Util__PublicBaseUrl"] = Web.ToString();
            start.Environment["Gas__Util__DrainDuration"] = "00:00:20";
            start.Environment["Gas__Util__SchedulePollingInterval"] = "00:00:01";
            start.Environment["ConnectionStrings__Accounts"] = $"Data Source={Path.Combine(_dataDirectory, "accounts.db")}";
            start.Environment["Gas__Roles"] = roles;
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        }
        else
        {
            // The web roles refuse Gas:Annotator keys they do not bind, so only the daemon gets them.
            start.Environment["Gas__Annotator__PollWait"] = "00:00:01";
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        Assert.IsTrue(process.Start(), $"{name} did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add((name, process, output));
    }

    /// <summary>Waits (a few minutes at most: a JIT start-up on a busy machine is slow) until /health answers 200.</summary>
    private async Task WaitUntilServingAsync(Uri baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await Wait.UntilAsync(async () =>
        {
            var exited = _processes.FirstOrDefault(p => p.Process.HasExited);
            if (exited.Process is not null)
            {
                Assert.Fail($"{exited.Name} exited with {exited.Process.ExitCode} before {baseUrl} answered /health.\n{Output()}");
            }

            try
            {
                return (await http.GetAsync(new Uri(baseUrl, "/health"))).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, $"{baseUrl} answers /health with 200", Output, ProcessStartBound);
    }

    /// <summary>How long a process may take to start serving.</summary>
    private static readonly TimeSpan ProcessStartBound = TimeSpan.FromMinutes(5);

    private static string BuildConfiguration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Tail(StringBuilder output)
    {
        lock (output)
        {
            var text = output.ToString();
            return text.Length > 4000 ? text[^4000..] : text;
        }
    }
}
