namespace Wallet.Verifier.Stores;

/// <summary>
/// Presentation transactions. The status changes only through <see cref="TryTransitionAsync"/>, a compare-and-swap, so two
/// requests racing for the same move (a wallet posting its response twice at once) cannot both win.
/// </summary>
public interface ITransactionStore
{
    /// <summary>Stores a new transaction.</summary>
    ValueTask CreateAsync(TransactionRecord transaction, CancellationToken cancellationToken);

    /// <summary>Finds a transaction by its relying-party handle.</summary>
    ValueTask<TransactionRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Finds a transaction by the handle of its request and response URIs.</summary>
    ValueTask<TransactionRecord?> FindByRequestIdAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically sets the status of transaction <paramref name="id"/> to <see cref="TransactionTransition.To"/> if, and only if,
    /// it is still <see cref="TransactionTransition.From"/>; a completion (<see cref="TransactionTransition.IsCompletion"/>) writes
    /// <see cref="TransactionTransition.ResultJson"/> and <see cref="TransactionTransition.ResponseCodeHash"/> in the same step.
    /// Returns false, changing nothing, when the transaction is unknown or another request moved it first.
    /// </summary>
    ValueTask<bool> TryTransitionAsync(string id, TransactionTransition transition, CancellationToken cancellationToken);

    /// <summary>The ids of the transactions in <paramref name="status"/> (at start: those a crash left in <see cref="TransactionStatus.ResponseReceived"/>).</summary>
    ValueTask<IReadOnlyList<string>> ListIdsAsync(TransactionStatus status, CancellationToken cancellationToken);

    /// <summary>Deletes transactions (with their events, nonces and keys) that expired before <paramref name="expiredBefore"/>.</summary>
    ValueTask<int> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken);
}
