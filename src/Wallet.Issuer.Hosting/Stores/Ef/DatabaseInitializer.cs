using Microsoft.EntityFrameworkCore;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// Creates the SQLite database on first start, switches it to write-ahead logging for concurrent readers and, when
/// the built-in register is the authentic source, seeds its empty <c>Persons</c> table. Nothing when the host supplies
/// both the stores and the register: then no database is used.
/// </summary>
internal sealed class DatabaseInitializer(IDbContextFactory<IssuerDbContext> factory, IAuthenticSource authenticSource, IssuerComposition composition) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!composition.UsesDatabase)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        if (authenticSource is SqlitePersonRegister register)
        {
            await register.SeedIfEmptyAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
