using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wallet.Hosting.Database;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>
/// At start, before <see cref="Transactions.VerifierStartup"/>: brings the database schema up to date (unless
/// <c>Verifier:Database:ApplyMigrations</c> is false), unless the host brought its own stores.
/// </summary>
internal sealed class DatabaseInitializer(ITransactionStore transactions, VerifierDbContextFactory contexts, IOptions<VerifierOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // UseStores removes this step; the check keeps a later AddVerifier() from bringing it back to create an unused database.
        if (transactions is not EfVerifierStore || !options.Value.Database.ApplyMigrations)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await RelationalDatabase.MigrateAsync(db, VerifierDbContext.BaselineMigration, "Transactions", cancellationToken).ConfigureAwait(false);
        if (contexts.IsSqlite)
        {
            // Write-ahead log, as the Issuer's: readers (result polling, request lookups) no longer wait for a writer's
            // commit, where they met SQLITE_BUSY and Microsoft.Data.Sqlite's retry sleep (issue 17 load runs).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
