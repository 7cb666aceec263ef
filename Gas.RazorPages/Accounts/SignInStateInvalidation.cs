using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// Forgets a user's <see cref="SignInState"/> once a change to their row, roles or claims is written through the accounts
/// context: at once when saved outside a transaction, at the commit when inside one (until then a reader still sees the old
/// state and must not keep it). Whatever writes it (UserManager, the payment webhook, an admin), signed-in requests on this
/// instance see the change on their next check.
/// </summary>
public sealed class SignInStateInvalidation(SignInStates states) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ForgetUnlessInTransaction(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ForgetUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetUnlessInTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    // A rolled-back change never happened; forgetting the users anyway only costs them one read.
    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var ids = _pending.GetOrCreateValue(context);
        lock (ids)
        {
            foreach (var entry in context.ChangeTracker.Entries())
            {
                if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && UserIdOf(entry.Entity) is { } id)
                {
                    ids.Add(id);
                }
            }
        }
    }

    private static string? UserIdOf(object entity) => entity switch
    {
        GasUser user => user.Id,
        IdentityUserRole<string> role => role.UserId,
        IdentityUserClaim<string> claim => claim.UserId,
        IdentityUserLogin<string> login => login.UserId,
        _ => null,
    };

    private void ForgetUnlessInTransaction(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Forget(context);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var ids))
        {
            return;
        }

        string[] forgotten;
        lock (ids)
        {
            forgotten = [.. ids];
            ids.Clear();
        }

        if (forgotten.Length > 0)
        {
            states.Forget(forgotten);
        }
    }
}
