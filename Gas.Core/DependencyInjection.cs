using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gas.Core;

/// <summary>Registers what every GAS process shares.</summary>
public static class DependencyInjection
{
    /// <summary>Typed options (validated at start-up) and the system clock; calling it again adds nothing.</summary>
    public static IServiceCollection AddGasCore(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(GasCoreMarker)))
        {
            return services;
        }

        services.AddSingleton<GasCoreMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<JobIntake>();
        services.TryAddSingleton<ResultAnnouncement>();
        services.AddOptions<GasOptions>()
            .Bind(configuration.GetSection(GasOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GasOptions>>(new UnknownKeyValidator(configuration));
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<MessagingOptions>(configuration, MessagingOptions.Section);
        services.AddValidatedOptions<RetentionOptions>(configuration, RetentionOptions.Section);
        services.AddValidatedOptions<EmailOptions>(configuration, EmailOptions.Section);
        return services;
    }

    /// <summary>
    /// Binds a section, failing at start-up on an invalid value or a key the options type does not have, nested
    /// objects and dictionary values included; each fault is named by its configuration key.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(configuration, section));
        return services.AddOptions<T>()
            .Bind(configuration.GetSection(section))
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
                .Select(c => c.Path)
                .Where(path => !GasOptions.KnownKeys.Contains(path[(GasOptions.Section.Length + 1)..], StringComparer.OrdinalIgnoreCase))
                .ToArray();
            return unknown is []
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Unknown configuration key(s) (misspelt?): {string.Join(", ", unknown)}.");
        }
    }

    /// <summary>The adapter family <c>Gas:Provider</c> names; each family registers the same ports (and its own options).</summary>
    public static IServiceCollection AddGasAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        // Any other value than 'aws' is refused by GasOptions' validation before the process does anything; the
        // embedded family stands in until then, so the service provider can still be built to report it.
        var provider = configuration.GetSection(GasOptions.Section)[nameof(GasOptions.Provider)];
        return string.Equals(provider, "aws", StringComparison.Ordinal)
            ? services.AddAwsAdapters(configuration)
            : services.AddEmbeddedAdapters(configuration);
    }

    /// <summary>Shows that <see cref="AddGasCore"/> ran, so both adapter families can call it.</summary>
    private sealed class GasCoreMarker;
}
