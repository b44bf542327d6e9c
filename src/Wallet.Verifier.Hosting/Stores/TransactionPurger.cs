using Microsoft.Extensions.Options;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Stores;

/// <summary>
/// Once a minute: rejects the responses no instance can still be validating (<see cref="Transactions.InterruptedResponseRecovery"/>),
/// then deletes the transactions whose result retention has passed. Rejecting first keeps a crashed instance's responses in
/// the statistics even when the retention is shorter than the recovery's wait.
/// </summary>
internal sealed partial class TransactionPurger(ITransactionStore store, Transactions.InterruptedResponseRecovery recovery, IOptions<VerifierOptions> options, TimeProvider time, ILogger<TransactionPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                await recovery.RejectOverdueAsync(stoppingToken).ConfigureAwait(false);
                var purged = await store.PurgeAsync(time.GetUtcNow() - options.Value.ResultRetention, stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    LogPurged(logger, purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired transactions.")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired transactions failed; retrying in a minute.")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
