namespace Wallet.Issuer.Stores;

/// <summary>Deletes state that can no longer be used: expired nonces, DPoP replay entries, tokens, pushed requests, codes and offers.</summary>
public interface IExpiredStateSweeper
{
    /// <summary>
    /// Deletes what expired before <paramref name="now"/>. Offers go once no access token issued for them can still be
    /// alive (<paramref name="accessTokenLifetime"/> after the offer's expiry), taking inline claims with them.
    /// </summary>
    /// <returns>The number of rows deleted.</returns>
    ValueTask<int> SweepAsync(DateTimeOffset now, TimeSpan accessTokenLifetime, CancellationToken cancellationToken = default);
}
