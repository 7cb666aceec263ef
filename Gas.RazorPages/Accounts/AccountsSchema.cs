using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Gas.RazorPages.Accounts;

/// <summary>Brings the accounts database to the latest migration of its engine, adopting a database made before migrations.</summary>
public static class AccountsSchema
{
    public static async Task MigrateAsync(AccountsDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await AdoptDatabaseFromBeforeMigrationsAsync(db, logger, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// Earlier versions made the tables with <c>EnsureCreated</c>, which leaves no migrations history; their schema is
    /// exactly the initial migration's, so record that migration as applied and let later ones run on top of it.
    /// </summary>
    private static async Task AdoptDatabaseFromBeforeMigrationsAsync(AccountsDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        var hasHistory = await HasTableAsync(db, HistoryRepository.DefaultTableName, cancellationToken);
        var hasUsers = await HasTableAsync(db, "AspNetUsers", cancellationToken);
        logger.LogDebug("Accounts database: migrations history {HasHistory}, users table {HasUsers}", hasHistory, hasUsers);
        if (hasHistory || !hasUsers)
        {
            return;
        }

        var initial = db.Database.GetMigrations().First();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(initial, ProductInfo.GetVersion())), cancellationToken);
        logger.LogWarning("The accounts database was made before migrations; recorded it as at {Migration} and migrating from there", initial);
    }

    /// <summary>Looks for one named table, not for any table: Hangfire may share a PostgreSQL database.</summary>
    private static async Task<bool> HasTableAsync(AccountsDbContext db, string table, CancellationToken cancellationToken)
    {
        var count = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<int>($"""SELECT COUNT(*)::int AS "Value" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {table}""")
            : db.Database.SqlQuery<int>($"""SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = {table}""");
        return await count.SingleAsync(cancellationToken) > 0;
    }
}
