using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Gas.Core.Embedded;

/// <summary>One ordered change to a component's tables in the embedded database; applied once, in order, never edited once shipped.</summary>
/// <param name="Version">1, 2, 3 … in the order the steps run; the database records the last one applied.</param>
/// <param name="Description">What the step changes, for the log and for the next reader.</param>
/// <param name="Apply">The change; it runs inside the transaction that records <paramref name="Version"/>.</param>
public sealed record SchemaStep(int Version, string Description, Action<SqliteConnection> Apply);

/// <summary>
/// Versions each component's tables (the job store's <c>annotations</c>, …) in the table <c>schema_versions</c> of the
/// shared SQLite file, and applies the steps a file has not seen yet. A file made before versioning counts as version 0.
/// </summary>
public static class SchemaSteps
{
    /// <summary>
    /// Applies every step newer than the file's version, each with its version in one write transaction, so processes
    /// opening the same file at once apply each step exactly once. Returns the version the file is at afterwards.
    /// </summary>
    public static int Upgrade(SqliteConnection connection, string component, IReadOnlyList<SchemaStep> steps)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(steps);
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Version != i + 1)
            {
                throw new ArgumentException($"The {component} schema steps must be numbered 1, 2, 3 … in order; step {i + 1} says {steps[i].Version}.", nameof(steps));
            }
        }

        // BEGIN IMMEDIATE takes the write lock before reading the version, so a second process waits, then finds the steps done.
        using var transaction = connection.BeginTransaction(deferred: false);
        SqliteDatabase.Execute(connection, "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        var current = Version(connection, component);
        if (current > steps.Count)
        {
            throw new InvalidOperationException(
                $"The {component} tables in {connection.DataSource} are at schema version {current}, newer than this build knows ({steps.Count}); run the newer GAS.");
        }

        foreach (var step in steps.Skip(current))
        {
            step.Apply(connection);
            using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_versions (component, version) VALUES ($component, $version) " +
                "ON CONFLICT (component) DO UPDATE SET version = excluded.version";
            record.Parameters.AddWithValue("$component", component);
            record.Parameters.AddWithValue("$version", step.Version);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
        return steps.Count;
    }

    /// <summary>The last step applied to <paramref name="component"/>'s tables; 0 for a file made before versioning.</summary>
    public static int Version(SqliteConnection connection, string component)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_versions WHERE component = $component";
        command.Parameters.AddWithValue("$component", component);
        try
        {
            return command.ExecuteScalar() is { } version ? Convert.ToInt32(version, CultureInfo.InvariantCulture) : 0;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return 0;
        }
    }
}
