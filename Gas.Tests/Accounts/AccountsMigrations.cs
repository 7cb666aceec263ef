using System.Data.Common;
using Gas.RazorPages.Accounts;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gas.Tests.Accounts;

/// <summary>
/// The accounts schema evolves through EF Core migrations, one set per engine. A database made by the versions before
/// migrations (EnsureCreated; the fixtures are that code's <c>GenerateCreateScript()</c> for each engine) is adopted
/// and keeps its accounts.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class AccountsMigrations
{
    private const string EarlyUser = "early@example.org";
    private const string EarlyHash = "AQAAAAIAAYagAAAAEFixtureHashNotARealOne==";

    [TestMethod]
    public void EachEnginesMigrationsCoverTheWholeModel()
    {
        using var sqlite = new SqliteAccountsDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresAccountsDesignTimeFactory().CreateDbContext([]);
        Assert.IsFalse(sqlite.Database.HasPendingModelChanges(),
            "The model changed: dotnet ef migrations add NAME --project Gas.RazorPages --context SqliteAccountsDbContext");
        Assert.IsFalse(postgres.Database.HasPendingModelChanges(),
            "The model changed: dotnet ef migrations add NAME --project Gas.RazorPages --context PostgresAccountsDbContext");
    }

    [TestMethod]
    [DataRow("sqlite")]
    [DataRow("postgres")]
    public async Task ADatabaseMadeBeforeMigrationsIsAdoptedAndKeepsItsAccounts(string engine)
    {
        await using var postgres = engine == "postgres" ? await ThrowawayPostgresDatabase.CreateAsync() : null;
        var settings = new Dictionary<string, string?>();
        if (postgres is not null)
        {
            settings["Gas:Accounts:Provider"] = "postgres";
            settings["ConnectionStrings:Accounts"] = postgres.ConnectionString;
        }

        using var app = new GasAppFactory(settings);
        await using (var connection = postgres is null
            ? (DbConnection)new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "accounts.db")};Pooling=false")
            : new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, await File.ReadAllTextAsync(Fixture(engine)));
            await InsertEarlyUserAsync(connection);
        }

        var (known, applied, user, isFree) = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AccountsDbContext>();
            var users = services.GetRequiredService<UserManager<GasUser>>();
            var early = await users.FindByEmailAsync(EarlyUser);
            return (db.Database.GetMigrations().ToList(), (await db.Database.GetAppliedMigrationsAsync()).ToList(),
                early, early is not null && await users.IsInRoleAsync(early, GasRoles.Free));
        });

        CollectionAssert.AreEqual(known, applied, "every migration is recorded as applied");
        Assert.IsNotNull(user, "the account made before migrations is still there");
        Assert.AreEqual(EarlyHash, user.PasswordHash);
        Assert.AreEqual("Early Bird", user.DisplayName);
        Assert.IsTrue(isFree, "and keeps its role");
    }

    [TestMethod]
    public async Task ANewPostgresDatabaseIsMigratedFromScratch()
    {
        await using var postgres = await ThrowawayPostgresDatabase.CreateAsync();
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Accounts:Provider"] = "postgres",
            ["ConnectionStrings:Accounts"] = postgres.ConnectionString,
        });

        using var admin = app.NewSession();
        await admin.LoginAsync(GasAppFactory.AdminEmail, GasAppFactory.AdminPassword);
        var pending = await app.InScopeAsync(async services =>
            (await services.GetRequiredService<AccountsDbContext>().Database.GetPendingMigrationsAsync()).ToList());
        Assert.IsEmpty(pending);
    }

    private static string Fixture(string engine) =>
        Path.Combine(Paths.RepositoryRoot, "Gas.Tests", "Accounts", "Fixtures", $"accounts-before-migrations.{engine}.sql");

    private static async Task InsertEarlyUserAsync(DbConnection connection)
    {
        await ExecuteAsync(connection, """
            INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName", "ConcurrencyStamp") VALUES ('role-free', 'free_user', 'FREE_USER', 'x');
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled",
                "LockoutEnabled", "AccessFailedCount")
            VALUES ('user-early', 'Early Bird', @email, @normalized, @email, @normalized, @no, @hash, 'STAMP', 'x', @no, @no, @yes, 0);
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('user-early', 'role-free');
            """,
            ("@email", EarlyUser), ("@normalized", EarlyUser.ToUpperInvariant()), ("@hash", EarlyHash), ("@no", false), ("@yes", true));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
