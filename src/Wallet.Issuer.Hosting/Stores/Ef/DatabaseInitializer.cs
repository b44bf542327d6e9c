using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wallet.Hosting.Database;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// Brings the database schema up to date at start (unless <c>Issuer:Database:ApplyMigrations</c> is false), switches a
/// SQLite database to write-ahead logging for concurrent readers and, when the built-in register is the authentic source,
/// seeds its empty <c>Persons</c> table. Nothing when the host supplies both the stores and the register: then no
/// database is used.
/// </summary>
internal sealed class DatabaseInitializer(IDbContextFactory<IssuerDbContext> factory, IAuthenticSource authenticSource, IssuerComposition composition, IOptions<IssuerOptions> options, IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!composition.UsesDatabase)
        {
            return;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.Database.ApplyMigrations)
        {
            await RelationalDatabase.MigrateAsync(db, IssuerDbContext.BaselineMigration, "Offers", cancellationToken).ConfigureAwait(false);
        }

        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        if (authenticSource is SqlitePersonRegister register)
        {
            try
            {
                await register.SeedIfEmptyAsync(cancellationToken).ConfigureAwait(false);
                // The built-in register's relations name its persons; resolved here so a host without a database never builds it.
                await services.GetRequiredService<Representation.RepresentationRegister>().SeedIfEmptyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException) when (!db.Database.IsSqlite())
            {
                // Another instance starting on the same database seeded it first.
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
