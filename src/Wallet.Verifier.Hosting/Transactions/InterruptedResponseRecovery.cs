using Microsoft.Extensions.Options;
using Wallet.Hosting.Database;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>
/// Rejects the transactions a stop left in <see cref="TransactionStatus.ResponseReceived"/> with
/// <see cref="VerifierErrorCodes.ProcessingInterrupted"/> (specs/verifier.md, "Transaction states", says why it is not
/// validated again). Each rejection is a compare-and-swap from <see cref="TransactionStatus.ResponseReceived"/>, so of
/// several instances (or of the recovery and a late validation) exactly one finishes a transaction, and it is counted like
/// one in a request (specs/statistics.md): a statistic that missed the responses a crash ended would under-report exactly
/// the failures an operator most needs to see.
/// </summary>
/// <remarks>
/// On SQLite the database belongs to one process, so at start nothing can still be validating: every such response is
/// rejected. On PostgreSQL another instance may be validating it right now (a rolling deployment), so a response is only
/// rejected once no instance can still finish it: <see cref="OverdueAfter"/> past its expiry. The periodic check
/// (<see cref="RejectOverdueAsync"/>, each minute) also finishes the responses of an instance that crashed and never came back.
/// </remarks>
internal sealed partial class InterruptedResponseRecovery(
    ITransactionStore transactions,
    TransactionStateWriter states,
    Statistics.VerifierStatistics statistics,
    IOptions<VerifierOptions> options,
    TimeProvider time,
    ILogger<InterruptedResponseRecovery> logger)
{
    /// <summary>
    /// The longest an accepted response is validated (<see cref="WalletResponseReceiver"/> cancels it then). Every wait in it
    /// is bounded on its own (each status-list fetch by <see cref="VerifierServiceCollectionExtensions.StatusListTimeout"/>),
    /// but a response may carry many credentials, so the whole is bounded too.
    /// </summary>
    internal static readonly TimeSpan ValidationTimeout = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long after its expiry a response still in <see cref="TransactionStatus.ResponseReceived"/> is rejected: a response
    /// is only accepted before the expiry and validated within <see cref="ValidationTimeout"/>; one more minute covers the
    /// clock skew between instances and the final write.
    /// </summary>
    internal static readonly TimeSpan OverdueAfter = ValidationTimeout + TimeSpan.FromMinutes(1);

    /// <summary>At start: on SQLite rejects every interrupted response, on PostgreSQL only the overdue ones; returns how many.</summary>
    public ValueTask<int> RejectInterruptedAsync(CancellationToken cancellationToken) =>
        RejectAsync(all: options.Value.Database.Provider == DatabaseProvider.Sqlite, cancellationToken);

    /// <summary>Periodically, on every provider: rejects the responses no instance can still be validating; returns how many.</summary>
    public ValueTask<int> RejectOverdueAsync(CancellationToken cancellationToken) => RejectAsync(all: false, cancellationToken);

    private async ValueTask<int> RejectAsync(bool all, CancellationToken cancellationToken)
    {
        var result = PresentationResult.Rejected([new(VerifierErrorCodes.ProcessingInterrupted, "The Verifier stopped while validating the response; it was rejected afterwards.")]);
        var overdueBefore = time.GetUtcNow() - OverdueAfter;
        var rejected = 0;
        foreach (var id in await transactions.ListIdsAsync(TransactionStatus.ResponseReceived, cancellationToken).ConfigureAwait(false))
        {
            var transaction = await transactions.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (transaction is null || (!all && transaction.ExpiresAt >= overdueBefore))
            {
                continue;
            }

            if (await states.TryCompleteAsync(id, result, null, cancellationToken).ConfigureAwait(false))
            {
                rejected++;
                await statistics.CompletedAsync(transaction, result).ConfigureAwait(false);
            }
        }

        if (rejected > 0)
        {
            LogInterruptedRejected(logger, rejected);
        }

        return rejected;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Count} transactions whose validation was interrupted by a stop (verifier.processing_interrupted).")]
    private static partial void LogInterruptedRejected(ILogger logger, int count);
}
