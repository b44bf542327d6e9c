using Microsoft.Extensions.Options;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Stores;

/// <summary>Runs <see cref="IExpiredStateSweeper"/> every <see cref="IssuerOptions.SweepInterval"/>; a failed sweep is logged and retried next time.</summary>
internal sealed partial class ExpiredStateSweepService(IExpiredStateSweeper sweeper, IOptions<IssuerOptions> options, TimeProvider timeProvider, ILogger<ExpiredStateSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var deleted = await sweeper.SweepAsync(timeProvider.GetUtcNow(), options.Value.AccessTokenLifetime, stoppingToken).ConfigureAwait(false);
                LogSwept(logger, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Swept {Deleted} expired rows.")]
    private static partial void LogSwept(ILogger logger, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping expired state failed; retrying at the next interval.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
