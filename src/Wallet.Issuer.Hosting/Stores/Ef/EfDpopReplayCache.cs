using Microsoft.EntityFrameworkCore;
using Wallet.Core.OAuth;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite DPoP replay cache: the primary key makes a second insert of the same proof fail atomically.</summary>
internal sealed class EfDpopReplayCache(IDbContextFactory<IssuerDbContext> factory) : IDpopReplayCache
{
    public async ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        // proofId arrives as a SecretHash (SecretHashingDpopReplayCache): fixed length, and the store hashes nothing itself.
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // Expired entries are left to ExpiredStateSweepService; an expired proof fails its iat window anyway.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT OR IGNORE INTO DpopProofs (ProofId, ExpiresAt) VALUES ({proofId}, {expiresAt.ToUnixTimeSeconds()})",
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }
}
