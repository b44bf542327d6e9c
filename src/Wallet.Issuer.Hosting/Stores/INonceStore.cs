using Wallet.Hosting;

namespace Wallet.Issuer.Stores;

/// <summary>Single-use <c>c_nonce</c> values from the Nonce Endpoint (OpenID4VCI 1.0 §7), by their <see cref="SecretHash"/> only.</summary>
public interface INonceStore
{
    /// <summary>Records the hash of a new nonce until <paramref name="expiresAt"/>.</summary>
    ValueTask AddAsync(string nonceHash, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Atomically consumes the nonce with this hash: true exactly once, and only before it expires.</summary>
    ValueTask<bool> TryConsumeAsync(string nonceHash, DateTimeOffset now, CancellationToken cancellationToken = default);
}
