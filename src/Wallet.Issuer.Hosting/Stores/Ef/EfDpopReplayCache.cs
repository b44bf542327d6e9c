using Microsoft.EntityFrameworkCore;
using Wallet.Core.OAuth;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite DPoP replay cache: the primary key makes a second insert of the same proof fail atomically.</summary>
internal sealed class EfDpopReplayCache(IIssuerDatabaseWrites writes) : IDpopReplayCache
{
    public async ValueTask<bool> TryAddAsync(string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        // proofId arrives as a SecretHash (SecretHashingDpopReplayCache): fixed length, and the store hashes nothing itself.
        // Expired entries are left to ExpiredStateSweepService; an expired proof fails its iat window anyway.
        var inserted = await writes.RunAsync((db, ct) => Insert(db, proofId, expiresAt, ct), cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <summary>The insert itself: 1 when the proof is new, 0 when it was seen (ON CONFLICT is SQLite and PostgreSQL alike).</summary>
    internal static Task<int> Insert(IssuerDbContext db, string proofId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"DpopProofs\" (\"ProofId\", \"ExpiresAt\") VALUES ({proofId}, {expiresAt.ToUnixTimeSeconds()}) ON CONFLICT DO NOTHING",
            cancellationToken);
}
