using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Core.Configuration;

/// <summary>
/// Checks every option validated at start-up right after the host is built, before the process prints or creates
/// anything, and reports a bad configuration as one line naming the keys instead of an unhandled exception.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>True when the configuration is valid; otherwise writes one line to <paramref name="error"/> (standard error).</summary>
    public static bool Passes(IServiceProvider services, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return true;
        }
        catch (Exception e) when (Describe(e) is { } problem)
        {
            (error ?? Console.Error).WriteLine("Configuration error: " + problem);
            return false;
        }
    }

    /// <summary>What is wrong, on one line, when <paramref name="e"/> is a configuration fault; null for anything else.</summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException invalid => OneLine(string.Join(" ", invalid.Failures)),
        AggregateException many when many.InnerExceptions.Select(Describe).ToArray() is var parts && parts.All(p => p is not null) =>
            string.Join(" ", parts),
        // The binder's own faults: a value of the wrong type ("Failed to convert configuration value at 'Gas:…'"), and an
        // unknown key in a section bound with ErrorOnUnknownConfiguration rather than AddValidatedOptions.
        InvalidOperationException binding when binding.Message.Contains("configuration value", StringComparison.Ordinal)
            || binding.Message.Contains("ErrorOnUnknownConfiguration", StringComparison.Ordinal) =>
            OneLine(binding.InnerException is { } inner ? $"{binding.Message} {inner.Message}" : binding.Message),
        _ => null,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
