namespace Wallet.Verifier.Stores;

/// <summary>The per-transaction response decryption keys (HAIP 1.0 §5: ephemeral, per request).</summary>
public interface IEphemeralKeyStore
{
    /// <summary>Keeps the private key of a transaction.</summary>
    ValueTask SaveAsync(string transactionId, string keyId, byte[] pkcs8, CancellationToken cancellationToken);

    /// <summary>The key of a transaction, or null when none is kept (any more).</summary>
    ValueTask<(string KeyId, byte[] Pkcs8)?> FindAsync(string transactionId, CancellationToken cancellationToken);

    /// <summary>Forgets the key once its transaction has its response.</summary>
    ValueTask DeleteAsync(string transactionId, CancellationToken cancellationToken);
}
