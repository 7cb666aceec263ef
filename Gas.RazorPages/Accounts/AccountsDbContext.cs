using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// The relational accounts database: Identity's tables, and the data-protection keys when they are shared through the
/// database (PostgreSQL), so every web instance behind the load balancer can read every other's cookies. One subclass
/// per engine carries that engine's migrations (<c>Accounts/Migrations/Sqlite</c>, <c>Accounts/Migrations/Postgres</c>).
/// </summary>
public abstract class AccountsDbContext(DbContextOptions options)
    : IdentityDbContext<GasUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Plans.ProcessedPaymentEvent> ProcessedPaymentEvents => Set<Plans.ProcessedPaymentEvent>();

    public DbSet<Api.Tokens.PersonalAccessToken> PersonalAccessTokens => Set<Api.Tokens.PersonalAccessToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Api.Tokens.PersonalAccessToken>(token =>
        {
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.UserId);
            // A deleted account takes its tokens with it.
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>The accounts database on SQLite (local mode).</summary>
public sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options);

/// <summary>The accounts database on PostgreSQL (AWS: RDS).</summary>
public sealed class PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options) : AccountsDbContext(options);
