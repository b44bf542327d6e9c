namespace Wallet.Issuer.Stores;

/// <summary>Pushed authorization requests (RFC 9126), keyed by the random part of their <c>request_uri</c>.</summary>
public interface IPushedAuthorizationRequestStore
{
    /// <summary>Stores a pushed request.</summary>
    ValueTask AddAsync(string id, AuthorizationGrantRecord request, CancellationToken cancellationToken = default);

    /// <summary>The request when it exists and has not expired; it stays stored.</summary>
    ValueTask<AuthorizationGrantRecord?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Atomically removes and returns the request: at most one caller gets it (RFC 9126 §4, one-time use).</summary>
    ValueTask<AuthorizationGrantRecord?> ConsumeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default);
}
