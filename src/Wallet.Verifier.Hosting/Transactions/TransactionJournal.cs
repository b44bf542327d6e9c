using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;

namespace Wallet.Verifier.Transactions;

/// <summary>Appends to a transaction's event log with the current time: what happened and error codes, never personal data.</summary>
internal sealed class TransactionJournal(ITransactionEventLog events, TimeProvider time)
{
    public ValueTask LogAsync(string transactionId, string type, string? detail, CancellationToken cancellationToken) =>
        events.AppendAsync(transactionId, Event(type, detail), cancellationToken);

    /// <summary>Appends <paramref name="transactionEvents"/>, in one write when the log is the Verifier's own database.</summary>
    public async ValueTask LogAsync(string transactionId, IReadOnlyList<TransactionEvent> transactionEvents, CancellationToken cancellationToken)
    {
        if (events is EfVerifierStore store)
        {
            await store.AppendManyAsync(transactionId, transactionEvents, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var transactionEvent in transactionEvents)
        {
            await events.AppendAsync(transactionId, transactionEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An event of <paramref name="type"/> at the current time.</summary>
    public TransactionEvent Event(string type, string? detail) => new(time.GetUtcNow(), type, detail);

    /// <summary>Whether the log is <paramref name="store"/> (so an event can share that store's write).</summary>
    public bool WritesTo(EfVerifierStore store) => ReferenceEquals(events, store);

    /// <summary>Error codes for an event detail, each once.</summary>
    public static string Codes(IEnumerable<string> codes) => string.Join(", ", codes.Distinct());
}
