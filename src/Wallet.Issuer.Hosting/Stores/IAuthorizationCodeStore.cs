namespace Wallet.Issuer.Stores;

/// <summary>Authorization codes, keyed by hash.</summary>
public interface IAuthorizationCodeStore
{
    /// <summary>Stores a code's grant.</summary>
    ValueTask AddAsync(string codeHash, AuthorizationGrantRecord grant, CancellationToken cancellationToken = default);

    /// <summary>Atomically redeems the code: at most one caller gets its grant, and only before it expires.</summary>
    ValueTask<AuthorizationGrantRecord?> RedeemAsync(string codeHash, DateTimeOffset now, CancellationToken cancellationToken = default);
}
