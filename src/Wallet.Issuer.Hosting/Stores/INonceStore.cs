namespace Wallet.Issuer.Stores;

/// <summary>Single-use <c>c_nonce</c> values from the Nonce Endpoint (OpenID4VCI 1.0 §7).</summary>
public interface INonceStore
{
    /// <summary>Records a new nonce until <paramref name="expiresAt"/>.</summary>
    ValueTask AddAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Atomically consumes the nonce: true exactly once, and only before it expires.</summary>
    ValueTask<bool> TryConsumeAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken = default);
}
