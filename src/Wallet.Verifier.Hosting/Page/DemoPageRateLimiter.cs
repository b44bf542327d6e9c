using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Page;

/// <summary>Bounds how many transactions the credential-less page creates per minute, over all browsers.</summary>
internal sealed class DemoPageRateLimiter : IDisposable
{
    private readonly FixedWindowRateLimiter _limiter;

    public DemoPageRateLimiter(IOptions<VerifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.DemoPage.MaxTransactionsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>True when one more transaction may be created now.</summary>
    public bool TryAcquire()
    {
        using var lease = _limiter.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
