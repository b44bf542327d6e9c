namespace Wallet.Issuer.Stores;

/// <summary>Access tokens issued at the token endpoint.</summary>
public interface IAccessTokenStore
{
    /// <summary>Stores a token.</summary>
    ValueTask AddAsync(AccessTokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>The token with this hash when it has not expired, otherwise null.</summary>
    ValueTask<AccessTokenRecord?> FindAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default);
}
