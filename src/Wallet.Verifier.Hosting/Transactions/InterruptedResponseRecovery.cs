using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>
/// At start, before any request: rejects every transaction a crash left in <see cref="TransactionStatus.ResponseReceived"/>
/// with <see cref="VerifierErrorCodes.ProcessingInterrupted"/> (specs/verifier.md, "Transaction states", says why it is not
/// validated again). Each rejection is counted like one in a request (specs/statistics.md): a statistic that missed the
/// responses a crash ended would under-report exactly the failures an operator most needs to see.
/// </summary>
internal sealed partial class InterruptedResponseRecovery(ITransactionStore transactions, TransactionStateWriter states, Statistics.VerifierStatistics statistics, ILogger<InterruptedResponseRecovery> logger)
{
    /// <summary>Rejects the interrupted transactions; returns how many.</summary>
    public async ValueTask<int> RejectInterruptedAsync(CancellationToken cancellationToken)
    {
        var result = PresentationResult.Rejected([new(VerifierErrorCodes.ProcessingInterrupted, "The Verifier stopped while validating the response; it was rejected at the next start.")]);
        var rejected = 0;
        foreach (var id in await transactions.ListIdsAsync(TransactionStatus.ResponseReceived, cancellationToken).ConfigureAwait(false))
        {
            var transaction = await transactions.FindAsync(id, cancellationToken).ConfigureAwait(false);
            if (await states.TryCompleteAsync(id, result, null, cancellationToken).ConfigureAwait(false))
            {
                rejected++;
                if (transaction is not null)
                {
                    await statistics.CompletedAsync(transaction, result).ConfigureAwait(false);
                }
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
