namespace Wallet.Verifier.Stores;

/// <summary>Presentation transactions. Every state change that must happen once is a single atomic operation.</summary>
public interface ITransactionStore
{
    /// <summary>Stores a new transaction.</summary>
    ValueTask CreateAsync(TransactionRecord transaction, CancellationToken cancellationToken);

    /// <summary>Finds a transaction by its relying-party handle.</summary>
    ValueTask<TransactionRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Finds a transaction by the handle of its request and response URIs.</summary>
    ValueTask<TransactionRecord?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves a pending, unexpired transaction to <see cref="TransactionStatus.ResponseReceived"/>. Returns false when
    /// another response already did, or the transaction expired: each transaction accepts one response.
    /// </summary>
    ValueTask<bool> TryBeginResponseAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically moves a transaction from <see cref="TransactionStatus.ResponseReceived"/> to <paramref name="status"/>
    /// (<see cref="TransactionStatus.Verified"/> or <see cref="TransactionStatus.Rejected"/>) with its result. Returns false
    /// when the transaction was not in <see cref="TransactionStatus.ResponseReceived"/>.
    /// </summary>
    ValueTask<bool> CompleteAsync(string id, TransactionStatus status, string resultJson, byte[]? responseCodeHash, CancellationToken cancellationToken);

    /// <summary>
    /// Rejects, with <paramref name="resultJson"/>, every transaction still in <see cref="TransactionStatus.ResponseReceived"/>:
    /// run at start, before any request is served, for the responses whose validation a crash interrupted. Returns their ids.
    /// </summary>
    ValueTask<IReadOnlyList<string>> RejectInterruptedAsync(string resultJson, CancellationToken cancellationToken);

    /// <summary>Deletes transactions (with their events, nonces and keys) that expired before <paramref name="expiredBefore"/>.</summary>
    ValueTask<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken);
}
