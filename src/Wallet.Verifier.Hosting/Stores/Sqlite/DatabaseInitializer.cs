using Microsoft.EntityFrameworkCore;
using Wallet.Core.Verification;
using Wallet.Verifier.Signing;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Stores.Sqlite;

/// <summary>
/// At start: creates the database, loads the signing credentials and trust anchors so that a broken setup fails now, not
/// at the first request, and finishes the transactions a crash left half-processed.
/// </summary>
internal sealed class DatabaseInitializer(IDbContextFactory<VerifierDbContext> contexts, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }

        _ = services.GetRequiredService<RequestSigningCredentials>();
        _ = services.GetRequiredService<CredentialVerifiers>();
        await services.GetRequiredService<PresentationService>().RejectInterruptedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
