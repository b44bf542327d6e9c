namespace Wallet.Verifier.Stores;

/// <summary>Single-use request nonces (OpenID4VP 1.0 §5.2: fresh and used once).</summary>
public interface INonceStore
{
    /// <summary>Registers a fresh nonce valid until <paramref name="expiresAt"/>.</summary>
    ValueTask AddAsync(string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Atomically marks the nonce used; false when unknown, expired or already used.</summary>
    ValueTask<bool> TryConsumeAsync(string nonce, DateTimeOffset now, CancellationToken cancellationToken);
}
