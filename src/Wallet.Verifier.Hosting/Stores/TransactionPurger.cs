using Microsoft.Extensions.Options;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Stores;

/// <summary>Deletes transactions whose result retention has passed, once a minute.</summary>
internal sealed partial class TransactionPurger(ITransactionStore store, IOptions<VerifierOptions> options, TimeProvider time, ILogger<TransactionPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
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
