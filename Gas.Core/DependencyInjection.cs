using Gas.Core.Archive;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Core.Email;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gas.Core;

/// <summary>Registers what every GAS process shares.</summary>
public static class DependencyInjection
{
    /// <summary>Typed options (validated at start-up) and the system clock.</summary>
    public static IServiceCollection AddGasCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JobIntake>();
        services.AddOptions<GasOptions>()
            .Bind(configuration.GetSection(GasOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GasOptions>>(new UnknownKeyValidator(configuration));
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<MessagingOptions>(configuration, MessagingOptions.Section);
        services.AddValidatedOptions<RetentionOptions>(configuration, RetentionOptions.Section);
        services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);
        services.AddValidatedOptions<EmbeddedOptions>(configuration, EmbeddedOptions.Section);
        services.AddResultsIndex(configuration);
        return services;
    }

    /// <summary>Binds a section, failing at start-up on an invalid value or a key the options type does not have.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        return services.AddOptions<T>()
            .Bind(configuration.GetSection(section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    /// <summary>
    /// Fails start-up on a child of <c>Gas</c> that no GAS process reads. Every process accepts every GAS section, so the
    /// web, util and annotator roles can share one configuration; each binds the sections it uses strictly.
    /// </summary>
    private sealed class UnknownKeyValidator(IConfiguration configuration) : IValidateOptions<GasOptions>
    {
        public ValidateOptionsResult Validate(string? name, GasOptions options)
        {
            var unknown = configuration.GetSection(GasOptions.Section).GetChildren()
                .Select(c => c.Key)
                .Where(key => !GasOptions.KnownKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                .ToArray();
            return unknown is []
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Unknown configuration key(s) under 'Gas' (misspelt?): {string.Join(", ", unknown)}.");
        }
    }

    /// <summary>The adapter family <c>Gas:Provider</c> names.</summary>
    public static IServiceCollection AddGasAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration.GetSection(GasOptions.Section)[nameof(GasOptions.Provider)] ?? "embedded";
        return provider switch
        {
            "embedded" => services.AddEmbeddedAdapters(),
            "aws" => services.AddAwsAdapters(configuration),
            _ => throw new InvalidOperationException($"Gas:Provider '{provider}' is unknown; use 'embedded' or 'aws'."),
        };
    }

    /// <summary>The no-cloud adapters: SQLite job store and queues, folders for objects, archive and mail.</summary>
    public static IServiceCollection AddEmbeddedAdapters(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
            new SqliteDatabase(Path.Combine(sp.GetRequiredService<IOptions<EmbeddedOptions>>().Value.DataDirectory, "gas.db")));
        services.AddSingleton<UrlSigner>();
        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<SqliteQueue>();
        services.AddSingleton<IQueue>(sp => sp.GetRequiredService<SqliteQueue>());
        services.AddSingleton<ITopic, EmbeddedTopic>();
        services.AddSingleton<FolderObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<FolderObjectStore>());
        services.AddSingleton<IArchiveStore, FolderArchiveStore>();
        services.AddSingleton<PickupFolderEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp is null
            ? sp.GetRequiredService<PickupFolderEmailSender>()
            : ActivatorUtilities.CreateInstance<SmtpEmailSender>(sp));
        return services;
    }
}
