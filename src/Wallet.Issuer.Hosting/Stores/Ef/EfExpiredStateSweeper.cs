using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite sweeping: one conditional DELETE per table.</summary>
internal sealed class EfExpiredStateSweeper(IIssuerDatabaseWrites writes) : IExpiredStateSweeper
{
    public async ValueTask<int> SweepAsync(DateTimeOffset now, TimeSpan accessTokenLifetime, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var offerCutoff = (now - accessTokenLifetime).ToUnixTimeSeconds();
        return await writes.RunAsync(
            async (db, ct) =>
            {
                var deleted = await db.Nonces.Where(n => n.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                deleted += await db.DpopProofs.Where(p => p.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                deleted += await db.AccessTokens.Where(t => t.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                // A grant's used tokens stay until the grant ends, so a reused one is recognised as such (and not as unknown).
                deleted += await db.RefreshTokens.Where(t => t.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                deleted += await db.DeferredIssuances.Where(d => d.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                deleted += await db.AuthorizationGrants.Where(g => g.ExpiresAt <= nowSeconds).ExecuteDeleteAsync(ct).ConfigureAwait(false);

                // An access token can outlive its offer by at most its lifetime, and it reads the offer's inline claims.
                deleted += await db.Offers.Where(o => o.ExpiresAt <= offerCutoff).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                return deleted;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
