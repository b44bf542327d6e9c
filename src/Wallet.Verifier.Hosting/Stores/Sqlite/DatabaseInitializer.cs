using Microsoft.EntityFrameworkCore;

namespace Wallet.Verifier.Stores.Sqlite;

/// <summary>At start, before <see cref="Transactions.VerifierStartup"/>: creates the SQLite database. Not registered when the host brings its own stores.</summary>
internal sealed class DatabaseInitializer(IDbContextFactory<VerifierDbContext> contexts) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
