using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>SQLite c_nonce hashes; consumption is a conditional DELETE, so each nonce is accepted once.</summary>
internal sealed class EfNonceStore(IIssuerDatabaseWrites writes) : INonceStore
{
    public async ValueTask AddAsync(string nonceHash, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) =>
        await writes.RunAsync(
            (db, ct) =>
            {
                db.Nonces.Add(new NonceEntity { Nonce = nonceHash, ExpiresAt = expiresAt.ToUnixTimeSeconds() });
                return db.SaveChangesAsync(ct);
            },
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> TryConsumeAsync(string nonceHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var nowSeconds = now.ToUnixTimeSeconds();
        var deleted = await writes.RunAsync(
            (db, ct) => db.Nonces.Where(n => n.Nonce == nonceHash && n.ExpiresAt > nowSeconds).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false);

        // Expired nonces are left to ExpiredStateSweepService: no table-wide DELETE on the request path.
        return deleted == 1;
    }
}
