using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Runtime;
using Gas.Core;
using Gas.Core.Archive;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Core.Email;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.RazorPages.EmbeddedStore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Contracts;

/// <summary>
/// One family of adapters, built the way the app builds it (<c>AddGasCore</c> + <c>AddGasAdapters</c>) with names unique
/// to the test: <c>embedded</c> in a temporary folder behind a test server (for the signed URLs), or <c>aws</c> against
/// the emulators, provisioned by <see cref="AwsResourceProvisioner"/>. Queues are quick: visibility 5 s (long enough that a
/// busy machine cannot let a message reappear between two calls of one test), two deliveries, then the DLQ.
/// </summary>
internal sealed class AdapterFamily : IAsyncDisposable
{
    public const int VisibilitySeconds = 5;
    public const int MaxReceiveCount = 2;
    public const string Region = "us-east-1";

    private readonly WebApplication? _app;
    private readonly ServiceProvider? _provider;
    private readonly string? _dataDirectory;

    private AdapterFamily(string name, IServiceProvider services, HttpClient http, WebApplication? app, ServiceProvider? provider,
        string? dataDirectory, ShiftableTime time, GlacierS3Simulator? glacier)
    {
        Name = name;
        Services = services;
        Http = http;
        Time = time;
        Glacier = glacier;
        _app = app;
        _provider = provider;
        _dataDirectory = dataDirectory;
    }

    public string Name { get; }
    public IServiceProvider Services { get; }

    /// <summary>Fetches download URLs: the test server's client (relative URLs) or a plain client (emulator URLs).</summary>
    public HttpClient Http { get; }

    /// <summary>The clock the adapters read; moving it forward completes simulated restores.</summary>
    public ShiftableTime Time { get; }

    /// <summary>The stand-in for S3's archive behaviour (aws family only).</summary>
    public GlacierS3Simulator? Glacier { get; }

    public IJobStore Jobs => Services.GetRequiredService<IJobStore>();
    public IObjectStore Objects => Services.GetRequiredService<IObjectStore>();
    public IQueue Queue => Services.GetRequiredService<IQueue>();
    public ITopic Topic => Services.GetRequiredService<ITopic>();
    public IEmailSender Email => Services.GetRequiredService<IEmailSender>();
    public IArchiveStore Archive => Glacier is null
        ? Services.GetRequiredService<IArchiveStore>()
        : new S3GlacierArchiveStore(Glacier.CreateClient(), Services.GetRequiredService<IOptions<StorageOptions>>());
    public StorageOptions Storage => Services.GetRequiredService<IOptions<StorageOptions>>().Value;
    public MessagingOptions Messaging => Services.GetRequiredService<IOptions<MessagingOptions>>().Value;

    /// <summary>Builds a family; <paramref name="refuseExpedited"/> makes cold storage refuse Expedited restores.</summary>
    public static async Task<AdapterFamily> CreateAsync(string family, bool refuseExpedited = false)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var settings = CommonSettings(suffix);
        var time = new ShiftableTime();
        switch (family)
        {
            case "embedded":
            {
                var dataDirectory = Path.Combine(Path.GetTempPath(), "gas-contract-" + suffix);
                settings["Gas:Provider"] = "embedded";
                settings["Gas:Embedded:DataDirectory"] = dataDirectory;
                settings["Gas:Embedded:SigningKey"] = "contract-test-key-" + suffix;
                settings["Gas:Embedded:ExpeditedRestoreDelay"] = "00:01:00";
                settings["Gas:Embedded:StandardRestoreDelay"] = "00:05:00";
                settings["Gas:Embedded:BulkRestoreDelay"] = "00:15:00";
                settings["Gas:Embedded:RefuseExpeditedRestores"] = refuseExpedited ? "true" : "false";
                var builder = WebApplication.CreateSlimBuilder();
                builder.WebHost.UseTestServer();
                builder.Logging.ClearProviders();
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Services.AddSingleton<TimeProvider>(time);
                builder.Services.AddGasCore(builder.Configuration).AddGasAdapters(builder.Configuration);
                var app = builder.Build();
                app.MapEmbeddedObjectStore();
                await app.StartAsync();
                return new AdapterFamily(family, app.Services, app.GetTestClient(), app, null, dataDirectory, time, null);
            }

            case "aws":
            {
                settings["Gas:Provider"] = "aws";
                settings["Gas:Aws:Region"] = Region;
                settings["Gas:Aws:JobsTable"] = "annotations-" + suffix;
                settings["Gas:Aws:DynamoDbServiceUrl"] = Emulators.DynamoDb.ToString();
                settings["Gas:Aws:ServiceUrl"] = Emulators.Fauxqs.ToString();
                settings["Gas:Aws:S3ForcePathStyle"] = "true";
                // fauxqs has no object tagging (it would store the tagging XML as the object); S3ObjectStoreRequests covers it.
                settings["Gas:Aws:TagUploads"] = "false";
                settings["Gas:Email:Smtp:Host"] = "127.0.0.1";
                settings["Gas:Email:Smtp:Port"] = Emulators.MaildevSmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
                settings["Gas:Email:Smtp:UseTls"] = "false";
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
                var aws = configuration.GetSection(AwsOptions.Section).Get<AwsOptions>()!;
                var services = new ServiceCollection()
                    .AddLogging()
                    .AddSingleton<TimeProvider>(time)
                    .AddSingleton(new AwsClients(aws, EmulatorCredentials));
                services.AddGasCore(configuration).AddGasAdapters(configuration);
                var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
                await provider.GetRequiredService<AwsResourceProvisioner>().ProvisionAsync();
                var glacier = new GlacierS3Simulator(time, refuseExpedited);
#pragma warning disable CA2000 // owned by the family and disposed with it
                var http = new HttpClient();
#pragma warning restore CA2000
                return new AdapterFamily(family, provider, http, null, provider, null, time, glacier);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, "embedded or aws");
        }
    }

    /// <summary>Emulators accept any key; real AWS credentials never appear in tests.</summary>
    public static AWSCredentials EmulatorCredentials { get; } = new BasicAWSCredentials("emulator", "emulator");

    /// <summary>Messages delivered to <paramref name="to"/> so far, as the mailbox shows them.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailboxAsync(string to)
    {
        if (Name == "aws")
        {
            var all = await Http.GetFromJsonAsync<List<MaildevMail>>(new Uri(Emulators.MaildevApi, "/api/email")) ?? [];
            return all.Where(m => m.To.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
                .Select(m => new ReceivedMail(string.Join(",", m.To.Select(a => a.Address)), m.From.FirstOrDefault()?.Address ?? "", m.Subject, m.Text ?? "", m.MessageId))
                .ToList();
        }

        var mailbox = Services.GetRequiredService<IMailbox>();
        Assert.IsTrue(mailbox.IsAvailable, "the embedded family keeps its mail in the pickup folder");
        return (await mailbox.NewestAsync(to, int.MaxValue))
            .Select(m => new ReceivedMail(m.To, m.From, m.Subject, m.Text, m.MessageId))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static Dictionary<string, string?> CommonSettings(string suffix)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Gas:Storage:InputsBucket"] = "gas-inputs-" + suffix,
            ["Gas:Storage:ResultsBucket"] = "gas-results-" + suffix,
            ["Gas:Storage:ArchiveBucket"] = "gas-archive-" + suffix,
            ["Gas:Email:From"] = "gas@example.test",
            ["Gas:Email:FromName"] = "GAS contract",
        };
        var names = new Dictionary<string, string>
        {
            ["JobRequestsTopic"] = "requests-" + suffix,
            ["JobResultsTopic"] = "results-" + suffix,
            ["RestoreTopic"] = "restores-" + suffix,
            ["JobRequestsQueue"] = "requests-" + suffix,
            ["ResultsNotifyQueue"] = "notify-" + suffix,
            ["ResultsArchiveQueue"] = "archive-" + suffix,
            ["RestoreQueue"] = "restore-" + suffix,
        };
        foreach (var (key, value) in names)
        {
            settings["Gas:Messaging:" + key] = value;
            if (key.EndsWith("Queue", StringComparison.Ordinal))
            {
                var queue = "Gas:Messaging:Queues:" + value + ":";
                settings[queue + "VisibilityTimeoutSeconds"] = VisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                settings[queue + "DelaySeconds"] = "0";
                settings[queue + "MaxReceiveCount"] = MaxReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
                settings[queue + "DeadLetterQueue"] = value + "-dlq";
            }
        }

        return settings;
    }

    private sealed record MaildevAddress([property: JsonPropertyName("address")] string Address);

    private sealed record MaildevMail(
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("to")] List<MaildevAddress> To,
        [property: JsonPropertyName("from")] List<MaildevAddress> From,
        [property: JsonPropertyName("text")] string? Text,
        [property: JsonPropertyName("headers")] Dictionary<string, JsonElement>? Headers)
    {
        /// <summary>The Message-ID header without its angle brackets (maildev keeps it among the headers, names lower-cased).</summary>
        public string? MessageId => Headers?.GetValueOrDefault("message-id") is { ValueKind: JsonValueKind.String } id ? id.GetString()?.Trim().Trim('<', '>') : null;
    }
}

/// <summary>A delivered email, whichever mailbox it landed in.</summary>
internal sealed record ReceivedMail(string To, string From, string Subject, string Text, string? MessageId);

/// <summary>The system clock plus an offset a test can push forward (queues keep real time; restores can be hurried).</summary>
internal sealed class ShiftableTime : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
