namespace Wallet.Verifier.Stores;

/// <summary>The per-transaction event log shown to the relying party.</summary>
public interface ITransactionEventLog
{
    /// <summary>Appends an event.</summary>
    ValueTask AppendAsync(string transactionId, TransactionEvent transactionEvent, CancellationToken cancellationToken);

    /// <summary>The events of a transaction, oldest first.</summary>
    ValueTask<IReadOnlyList<TransactionEvent>> ListAsync(string transactionId, CancellationToken cancellationToken);
}
