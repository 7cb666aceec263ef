using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// The relational accounts database (SQLite locally, PostgreSQL in AWS). It also keeps the data-protection keys,
/// so every web instance behind the load balancer can read every other's cookies and antiforgery tokens.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options)
    : IdentityDbContext<GasUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Plans.ProcessedPaymentEvent> ProcessedPaymentEvents => Set<Plans.ProcessedPaymentEvent>();
}
