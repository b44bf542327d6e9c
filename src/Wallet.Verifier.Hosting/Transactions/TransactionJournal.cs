using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Transactions;

/// <summary>Appends to a transaction's event log with the current time: what happened and error codes, never personal data.</summary>
internal sealed class TransactionJournal(ITransactionEventLog events, TimeProvider time)
{
    public ValueTask LogAsync(string transactionId, string type, string? detail, CancellationToken cancellationToken) =>
        events.AppendAsync(transactionId, new TransactionEvent(time.GetUtcNow(), type, detail), cancellationToken);

    /// <summary>Error codes for an event detail, each once.</summary>
    public static string Codes(IEnumerable<string> codes) => string.Join(", ", codes.Distinct());
}
