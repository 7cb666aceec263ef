using Gas.Core.Archive;
using Gas.Core.Configuration;
using Gas.Core.Email;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Core.Embedded;

/// <summary>Registers the embedded adapter family, as <see cref="Aws.AwsServiceCollectionExtensions"/> registers the AWS one.</summary>
public static class EmbeddedServiceCollectionExtensions
{
    /// <summary>
    /// The no-cloud adapters behind the same ports as the AWS family: SQLite job store and queues, folders for objects and
    /// the archive, the pickup folder (or SMTP when <c>Gas:Email:Smtp</c> is set) for mail, and its mailbox.
    /// </summary>
    public static IServiceCollection AddEmbeddedAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGasCore(configuration);
        services.AddValidatedOptions<EmbeddedOptions>(configuration, EmbeddedOptions.Section);

        services.AddSingleton(sp =>
            new SqliteDatabase(Path.Combine(sp.GetRequiredService<IOptions<EmbeddedOptions>>().Value.DataDirectory, "gas.db")));
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<UploadLedger>();
        services.AddSingleton<BrowserUploads>();
        services.AddSingleton<UnclaimedUploadSweep>();

        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<FolderObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<FolderObjectStore>());
        services.AddSingleton<SqliteQueue>();
        services.AddSingleton<IQueue>(sp => sp.GetRequiredService<SqliteQueue>());
        services.AddSingleton<ITopic, EmbeddedTopic>();
        services.AddSingleton<IArchiveStore, FolderArchiveStore>();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<IEmailSender>(sp => Smtp(sp) is null
            ? sp.GetRequiredService<PickupFolderEmailSender>()
            : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
        services.AddSingleton<IMailbox>(sp => Smtp(sp) is { } smtp
            ? new SmtpOnlyMailbox(smtp.Host, smtp.Port)
            : ActivatorUtilities.CreateInstance<PickupFolderMailbox>(sp));
        return services;
    }

    private static SmtpSettings? Smtp(IServiceProvider services) => services.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp;
}
