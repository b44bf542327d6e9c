using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wallet.Hosting.Database;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>Creates the context of the configured provider (<c>Issuer:Database:Provider</c>).</summary>
internal sealed class IssuerDbContextFactory(IOptions<IssuerOptions> options, IServiceProvider services) : IDbContextFactory<IssuerDbContext>
{
    public bool IsSqlite => options.Value.Database.Provider == DatabaseProvider.Sqlite;

    public IssuerDbContext CreateDbContext() => IsSqlite
        ? services.GetRequiredService<IDbContextFactory<SqliteIssuerDbContext>>().CreateDbContext()
        : services.GetRequiredService<IDbContextFactory<PostgreSqlIssuerDbContext>>().CreateDbContext();

    public async Task<IssuerDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => IsSqlite
        ? await services.GetRequiredService<IDbContextFactory<SqliteIssuerDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false)
        : await services.GetRequiredService<IDbContextFactory<PostgreSqlIssuerDbContext>>().CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
}
