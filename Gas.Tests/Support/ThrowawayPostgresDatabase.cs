using Npgsql;

namespace Gas.Tests.Support;

/// <summary>A fresh database on the PostgreSQL server the test script started (<c>GAS_TEST_POSTGRES</c>), dropped afterwards.</summary>
public sealed class ThrowawayPostgresDatabase : IAsyncDisposable
{
    public const string Variable = "GAS_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private ThrowawayPostgresDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The new database's connection string (the server's, with its own database name).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database; fails the test (never skips it) when the server is not configured or not reachable.</summary>
    public static async Task<ThrowawayPostgresDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Fail($"{Variable} is not set. Run the tests through scripts/test.sh, which starts a throwaway PostgreSQL " +
                "server and sets it, or set it yourself, e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");
        }

        var database = new ThrowawayPostgresDatabase(server, "gas_test_" + Guid.NewGuid().ToString("N")[..16]);
        try
        {
            await database.RunOnServerAsync($"CREATE DATABASE {database._name}");
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            Assert.Fail($"Cannot create a database on the PostgreSQL server {Variable}=\"{server}\": {e.Message}");
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        // The app's pooled connections would keep the database busy.
        NpgsqlConnection.ClearAllPools();
        await RunOnServerAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
    }

    private async Task RunOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
