using Microsoft.EntityFrameworkCore;

namespace Wallet.Verifier.Stores.Sqlite;

/// <summary>At start, before <see cref="Transactions.VerifierStartup"/>: creates the SQLite database, unless the host brought its own stores.</summary>
internal sealed class DatabaseInitializer(ITransactionStore transactions, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // UseStores removes this step; the check keeps a later AddVerifier() from bringing it back to create an unused database.
        if (transactions is not SqliteVerifierStore)
        {
            return;
        }

        await using var db = await services.GetRequiredService<IDbContextFactory<VerifierDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
