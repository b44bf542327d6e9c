using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wallet.Hosting.Database;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Stores.Ef;

/// <summary>Creates the context of the configured provider (<c>Verifier:Database:Provider</c>).</summary>
internal sealed class VerifierDbContextFactory(IOptions<VerifierOptions> options, IServiceProvider services) : IDbContextFactory<VerifierDbContext>
{
    public bool IsSqlite => options.Value.Database.Provider == DatabaseProvider.Sqlite;

    public VerifierDbContext CreateDbContext() => IsSqlite
        ? services.GetRequiredService<IDbContextFactory<SqliteVerifierDbContext>>().CreateDbContext()
        : services.GetRequiredService<IDbContextFactory<PostgreSqlVerifierDbContext>>().CreateDbContext();

    public async Task<VerifierDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => IsSqlite
        ? await services.GetRequiredService<IDbContextFactory<SqliteVerifierDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false)
        : await services.GetRequiredService<IDbContextFactory<PostgreSqlVerifierDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
}
