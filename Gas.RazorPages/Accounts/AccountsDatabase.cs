using Gas.Core.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gas.RazorPages.Accounts;

/// <summary>Where the accounts live: <c>Gas:Accounts:Provider</c> picks the engine, <c>ConnectionStrings:Accounts</c> the database.</summary>
public sealed class AccountsConnection(IConfiguration configuration, IOptions<AccountsOptions> accounts, IOptions<EmbeddedOptions> embedded)
{
    public const string Name = "Accounts";

    public AccountsProvider Provider => accounts.Value.Provider;

    /// <summary>The configured connection string; for SQLite without one, <c>accounts.db</c> in the data directory.</summary>
    public string ConnectionString => configuration.GetConnectionString(Name) is { Length: > 0 } configured
        ? configured
        : $"Data Source={Path.Combine(embedded.Value.DataDirectory, "accounts.db")}";

    /// <summary>The SQLite database file, or null (PostgreSQL, or an in-memory SQLite database).</summary>
    public string? SqliteFile => Provider == AccountsProvider.Sqlite
        && new SqliteConnectionStringBuilder(ConnectionString).DataSource is { Length: > 0 } file
        && !file.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            ? file
            : null;
}

/// <summary>Registers one context per engine (each with its own migrations) and hands out the configured one as <see cref="AccountsDbContext"/>.</summary>
public static class AccountsDatabase
{
    public static IServiceCollection AddAccountsDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<AccountsOptions>>(new ConnectionStringValidator(configuration));
        services.AddSingleton<AccountsConnection>();
        services.AddSingleton<SignInStates>();
        services.AddSingleton<SignInStateInvalidation>();
        // Pooled: every signed-in request may need a context (the sign-in check on a miss, the page's own reads), and a
        // pooled one is reset rather than built with its services each time.
        services.AddDbContextPool<SqliteAccountsDbContext>((sp, options) => options
            .UseSqlite(sp.GetRequiredService<AccountsConnection>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<SignInStateInvalidation>()));
        services.AddDbContextPool<PostgresAccountsDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<AccountsConnection>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<SignInStateInvalidation>()));
        services.AddScoped<AccountsDbContext>(sp => sp.GetRequiredService<AccountsConnection>().Provider switch
        {
            AccountsProvider.Postgres => sp.GetRequiredService<PostgresAccountsDbContext>(),
            _ => sp.GetRequiredService<SqliteAccountsDbContext>(),
        });
        return services;
    }

    /// <summary>The connection string must suit the engine: a configuration from before the typed option fails here, saying what to set.</summary>
    private sealed class ConnectionStringValidator(IConfiguration configuration) : IValidateOptions<AccountsOptions>
    {
        private const string Key = "ConnectionStrings:" + AccountsConnection.Name;

        public ValidateOptionsResult Validate(string? name, AccountsOptions options)
        {
            var connection = configuration.GetConnectionString(AccountsConnection.Name);
            if (options.Provider == AccountsProvider.Postgres)
            {
                return string.IsNullOrWhiteSpace(connection)
                    ? ValidateOptionsResult.Fail($"{Key} is required with {AccountsOptions.Section}:Provider=postgres.")
                    : Parses(() => new NpgsqlConnectionStringBuilder(connection), "a PostgreSQL", "");
            }

            return string.IsNullOrWhiteSpace(connection)
                ? ValidateOptionsResult.Success
                : Parses(() => new SqliteConnectionStringBuilder(connection), "a SQLite",
                    $" For PostgreSQL set {AccountsOptions.Section}:Provider=postgres.");
        }

        private static ValidateOptionsResult Parses(Func<object> parse, string engine, string hint)
        {
            try
            {
                parse();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException e)
            {
                return ValidateOptionsResult.Fail($"{Key} is not {engine} connection string ({e.Message}).{hint}");
            }
        }
    }
}
