using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> create each engine's context without starting the app (no database is opened):
/// <c>dotnet ef migrations add NAME --project Gas.RazorPages --context SqliteAccountsDbContext</c>, then the same with
/// <c>PostgresAccountsDbContext</c>.
/// </summary>
public sealed class SqliteAccountsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAccountsDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <inheritdoc cref="SqliteAccountsDesignTimeFactory"/>
public sealed class PostgresAccountsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAccountsDbContext>
{
    public PostgresAccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAccountsDbContext>().UseNpgsql("Host=localhost;Database=gas_design_time").Options);
}
