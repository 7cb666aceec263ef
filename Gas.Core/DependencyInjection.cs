using Gas.Core.Archive;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Core.Email;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gas.Core;

/// <summary>Registers what every GAS process shares.</summary>
public static class DependencyInjection
{
    /// <summary>Marks a configuration section as bound by some options type.</summary>
    private sealed record ConfigurationSection(string Path);

    /// <summary>Typed options (validated at start-up) and the system clock.</summary>
    public static IServiceCollection AddGasCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GasOptions>()
            .Bind(configuration.GetSection(GasOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GasOptions>>(new UnknownKeyValidator(services, configuration));
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<MessagingOptions>(configuration, MessagingOptions.Section);
        services.AddValidatedOptions<RetentionOptions>(configuration, RetentionOptions.Section);
        services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);
        services.AddValidatedOptions<EmbeddedOptions>(configuration, EmbeddedOptions.Section);
        services.AddValidatedOptions<AwsOptions>(configuration, AwsOptions.Section);
        return services;
    }

    /// <summary>Binds a section, failing at start-up on an invalid value or a key the options type does not have.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddSingleton(new ConfigurationSection(section));
        return services.AddOptions<T>()
            .Bind(configuration.GetSection(section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    /// <summary>Fails start-up on a child of <c>Gas</c> that is neither its own setting nor a registered options section.</summary>
    private sealed class UnknownKeyValidator(IServiceCollection services, IConfiguration configuration) : IValidateOptions<GasOptions>
    {
        public ValidateOptionsResult Validate(string? name, GasOptions options)
        {
            var unknown = UnknownGasKeys(services, configuration);
            return unknown is []
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Unknown configuration key(s) under 'Gas' (misspelt?): {string.Join(", ", unknown)}.");
        }
    }

    private static string[] UnknownGasKeys(IServiceCollection services, IConfiguration configuration)
    {
        var known = services
            .Where(d => d.ServiceType == typeof(ConfigurationSection) && d.ImplementationInstance is ConfigurationSection)
            .Select(d => ((ConfigurationSection)d.ImplementationInstance!).Path)
            .Where(path => path.StartsWith(GasOptions.Section + ":", StringComparison.Ordinal))
            .Select(path => path[(GasOptions.Section.Length + 1)..].Split(':')[0])
            .Concat([nameof(GasOptions.Provider), nameof(GasOptions.Roles)])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return configuration.GetSection(GasOptions.Section).GetChildren()
            .Select(c => c.Key)
            .Where(key => !known.Contains(key))
            .ToArray();
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
