namespace Wallet.Issuer.Stores;

/// <summary>Refresh tokens and their families (grants), by hash only.</summary>
public interface IRefreshTokenStore
{
    /// <summary>Stores the first token of a new grant.</summary>
    ValueTask AddAsync(RefreshTokenRecord token, CancellationToken cancellationToken = default);

    /// <summary>The token with this hash, used or not, revoked or not, or null when unknown.</summary>
    ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// In one atomic step: uses up the live token <paramref name="tokenHash"/> and stores <paramref name="successor"/>
    /// in its family. A token that was already used revokes its whole family (<see cref="RefreshOutcome.Reused"/>);
    /// only one of concurrent callers can rotate a token.
    /// </summary>
    ValueTask<RefreshOutcome> RotateAsync(string tokenHash, RefreshTokenRecord successor, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Revokes every grant of the person (consent withdrawn); returns how many grants were live.</summary>
    ValueTask<int> RevokeForPersonAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The live token of each of the person's live grants.</summary>
    ValueTask<IReadOnlyList<RefreshTokenRecord>> ListActiveAsync(string personId, DateTimeOffset now, CancellationToken cancellationToken = default);
}
