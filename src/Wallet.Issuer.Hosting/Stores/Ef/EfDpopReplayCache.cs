using Microsoft.EntityFrameworkCore;
using Wallet.Core.OAuth;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite DPoP replay cache: the primary key makes a second insert of the same proof fail atomically.</summary>
internal sealed class EfDpopReplayCache(IDbContextFactory<IssuerDbContext> factory) : IDpopReplayCache
{
    public async ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var id = StoreHash.Of(proofId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // Expired entries are left to ExpiredStateSweepService; an expired proof fails its iat window anyway.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT OR IGNORE INTO DpopProofs (ProofId, ExpiresAt) VALUES ({id}, {expiresAt.ToUnixTimeSeconds()})",
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }
}
