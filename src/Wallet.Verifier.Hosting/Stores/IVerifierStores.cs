namespace Wallet.Verifier.Stores;

/// <summary>
/// Every kind of state the Verifier keeps, supplied together by a host that keeps them in its own database
/// (<see cref="VerifierBuilder.UseStores{TStores}()"/>). One aggregate rather than one <c>Use…</c> per store, because the
/// stores are one unit of storage: <see cref="ITransactionStore.PurgeAsync"/> deletes a transaction with its events, nonce
/// and key, and accepting a response moves the transaction, consumes its nonce and deletes its key; replacing half of them
/// would split a transaction across two databases.
/// </summary>
/// <remarks>
/// A store must make <see cref="ITransactionStore.TryTransitionAsync"/> a compare-and-swap and
/// <see cref="INonceStore.TryConsumeAsync"/> succeed once per nonce, across every instance of the Verifier. One class may
/// implement all four interfaces and return itself from each property.
/// </remarks>
public interface IVerifierStores
{
    /// <summary>The presentation transactions and their states.</summary>
    ITransactionStore Transactions { get; }

    /// <summary>The single-use request nonces.</summary>
    INonceStore Nonces { get; }

    /// <summary>The per-transaction response decryption keys.</summary>
    IEphemeralKeyStore EphemeralKeys { get; }

    /// <summary>The per-transaction event log.</summary>
    ITransactionEventLog Events { get; }
}
