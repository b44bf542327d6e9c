using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// Runs each write at once on its own context: for a database server that handles concurrent writers itself
/// (row locks), where an in-process queue would only serialise what the server can run in parallel. The consume-once
/// operations stay single conditional statements, so they remain atomic across instances.
/// </summary>
internal sealed class DirectDatabaseWrites(IDbContextFactory<IssuerDbContext> factory) : IIssuerDatabaseWrites
{
    public async ValueTask<T> RunAsync<T>(Func<IssuerDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await write(db, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<T> RunAsync<T>(Func<IssuerDbContext, CancellationToken, Task<T>> write, Func<T, bool> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(keep);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await write(db, cancellationToken).ConfigureAwait(false);
        if (keep(result))
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        // Not kept: disposing the transaction rolls it back.
        return result;
    }
}
