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
internal sealed class TransactionStateWriter(ITransactionStore transactions, TransactionJournal journal, ITransactionChangeNotifier notifier, WebhookScheduler? webhooks = null, IEphemeralKeyStore? keys = null)
{
    /// <summary>
    /// Moves <paramref name="transaction"/> to <paramref name="to"/> (a fetch or a response); null when done, otherwise why not.
    /// When another request changed the transaction in between, the move is judged again from the status that request left.
    /// </summary>
    public ValueTask<TransactionTransitionError?> TryMoveAsync(TransactionRecord transaction, TransactionStatus to, DateTimeOffset now, CancellationToken cancellationToken) =>
        TryMoveAsync(transaction, to, now, logged: null, deleteKey: false, cancellationToken);

    /// <summary>
    /// As <see cref="TryMoveAsync(TransactionRecord, TransactionStatus, DateTimeOffset, CancellationToken)"/>; once moved,
    /// <paramref name="logged"/> is appended and, with <paramref name="deleteKey"/>, the transaction's ephemeral key
    /// deleted: in the move's own database write when the stores are the Verifier's database, otherwise one after the other.
    /// </summary>
    public async ValueTask<TransactionTransitionError?> TryMoveAsync(TransactionRecord transaction, TransactionStatus to, DateTimeOffset now, TransactionEvent? logged, bool deleteKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var together = transactions is EfVerifierStore store && (logged is null || journal.WritesTo(store)) && (!deleteKey || ReferenceEquals(keys, store)) ? store : null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (!TransactionTransitions.TryMove(transaction, to, now, out var transition, out var error))
            {
                return error;
            }

            if (together is not null)
            {
                if (await together.TryTransitionAsync(transaction.Id, transition, logged is null ? [] : [logged], deleteKey, count: null, cancellationToken).ConfigureAwait(false))
                {
                    notifier.Publish(transaction.Id);
                    return null;
                }
            }
            else if (await transactions.TryTransitionAsync(transaction.Id, transition, cancellationToken).ConfigureAwait(false))
            {
                if (deleteKey && keys is not null)
                {
                    await keys.DeleteAsync(transaction.Id, cancellationToken).ConfigureAwait(false);
                }

                if (logged is not null)
                {
                    await journal.LogAsync(transaction.Id, [logged], cancellationToken).ConfigureAwait(false);
                }

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
    public ValueTask<bool> TryCompleteAsync(string transactionId, PresentationResult result, byte[]? responseCodeHash, CancellationToken cancellationToken) =>
        TryCompleteAsync(transactionId, result, responseCodeHash, [], count: null, cancellationToken);

    /// <summary>
    /// As <see cref="TryCompleteAsync(string, PresentationResult, byte[], CancellationToken)"/>, with <paramref name="logged"/>
    /// (the response's receipt and validation steps) appended before the completion event and, only when the transaction
    /// was completed, <paramref name="count"/> called with the run that writes a usage count (null: the counter's own
    /// write). On the Verifier's database all of it is one write.
    /// </summary>
    public async ValueTask<bool> TryCompleteAsync(string transactionId, PresentationResult result, byte[]? responseCodeHash, IReadOnlyList<TransactionEvent> logged, Func<Func<Func<VerifierDbContext, Task>, ValueTask>?, ValueTask>? count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logged);
        if (!TransactionTransitions.TryComplete(TransactionStatus.ResponseReceived, result.IsVerified, StoredTransaction.ResultJson(result), responseCodeHash, out var transition, out _))
        {
            return false;
        }

        var completed = journal.Event(result.IsVerified ? "verified" : "rejected", result.IsVerified ? null : TransactionJournal.Codes(result.Errors.Select(e => e.Code)));
        if (transactions is EfVerifierStore store && journal.WritesTo(store))
        {
            // The status, its events and its counts in one write.
            if (await store.TryTransitionAsync(transactionId, transition, [.. logged, completed], deleteKey: false, count is null ? null : run => count(run), cancellationToken).ConfigureAwait(false))
            {
                notifier.Publish(transactionId);
                await NotifyWebhookAsync(transactionId, result.IsVerified, cancellationToken).ConfigureAwait(false);
                return true;
            }
        }
        else if (await transactions.TryTransitionAsync(transactionId, transition, cancellationToken).ConfigureAwait(false))
        {
            await journal.LogAsync(transactionId, [.. logged, completed], cancellationToken).ConfigureAwait(false);
            if (count is not null)
            {
                await count(null).ConfigureAwait(false);
            }

            notifier.Publish(transactionId);
            await NotifyWebhookAsync(transactionId, result.IsVerified, cancellationToken).ConfigureAwait(false);
            return true;
        }

        // Completed by someone else (the recovery): what this request saw is still logged. The status did not change
        // here, so nothing is published and no webhook queued (whoever completed it did both).
        if (logged.Count > 0)
        {
            await journal.LogAsync(transactionId, logged, cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    // Queued after the status is written: a crash in between loses the notification, not the result (the party can poll).
    private ValueTask NotifyWebhookAsync(string transactionId, bool verified, CancellationToken cancellationToken) =>
        webhooks?.TransactionCompletedAsync(transactionId, verified, cancellationToken) ?? ValueTask.CompletedTask;
}
