using Wallet.Verifier.LiveResults;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;
using Wallet.Verifier.Validation;
using Wallet.Verifier.Webhooks;

namespace Wallet.Verifier.Transactions;

/// <summary>
/// Moves transactions: asks <see cref="TransactionTransitions"/> whether the move is allowed, then has the store apply it as a
/// compare-and-swap. Every status change of the Verifier goes through here.
/// </summary>
internal sealed class TransactionStateWriter(ITransactionStore transactions, TransactionJournal journal, ITransactionChangeNotifier notifier, WebhookScheduler? webhooks = null)
{
    /// <summary>
    /// Moves <paramref name="transaction"/> to <paramref name="to"/> (a fetch or a response); null when done, otherwise why not.
    /// When another request changed the transaction in between, the move is judged again from the status that request left.
    /// </summary>
    public async ValueTask<TransactionTransitionError?> TryMoveAsync(TransactionRecord transaction, TransactionStatus to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (!TransactionTransitions.TryMove(transaction, to, now, out var transition, out var error))
            {
                return error;
            }

            if (await transactions.TryTransitionAsync(transaction.Id, transition, cancellationToken).ConfigureAwait(false))
            {
                notifier.Publish(transaction.Id);
                return null;
            }

            transaction = await transactions.FindAsync(transaction.Id, cancellationToken).ConfigureAwait(false) ?? transaction;
        }

        return new(TransactionErrorCodes.ConcurrentChange, transaction.Status, to, "The transaction changed while this request was handled.");
    }

    /// <summary>
    /// Completes a transaction in <see cref="TransactionStatus.ResponseReceived"/> with <paramref name="result"/> and logs
    /// <c>verified</c> or <c>rejected</c>; false when it was not in that state (nothing is written then).
    /// </summary>
    public async ValueTask<bool> TryCompleteAsync(string transactionId, PresentationResult result, byte[]? responseCodeHash, CancellationToken cancellationToken)
    {
        if (!TransactionTransitions.TryComplete(TransactionStatus.ResponseReceived, result.IsVerified, StoredTransaction.ResultJson(result), responseCodeHash, out var transition, out _))
        {
            return false;
        }

        var completed = journal.Event(result.IsVerified ? "verified" : "rejected", result.IsVerified ? null : TransactionJournal.Codes(result.Errors.Select(e => e.Code)));
        if (transactions is EfVerifierStore store && journal.WritesTo(store))
        {
            // The status and its event in one write.
            if (!await store.TryTransitionAsync(transactionId, transition, completed, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            notifier.Publish(transactionId);
            await NotifyWebhookAsync(transactionId, result.IsVerified, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (!await transactions.TryTransitionAsync(transactionId, transition, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await journal.LogAsync(transactionId, [completed], cancellationToken).ConfigureAwait(false);
        notifier.Publish(transactionId);
        await NotifyWebhookAsync(transactionId, result.IsVerified, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Queued after the status is written: a crash in between loses the notification, not the result (the party can poll).
    private ValueTask NotifyWebhookAsync(string transactionId, bool verified, CancellationToken cancellationToken) =>
        webhooks?.TransactionCompletedAsync(transactionId, verified, cancellationToken) ?? ValueTask.CompletedTask;
}
