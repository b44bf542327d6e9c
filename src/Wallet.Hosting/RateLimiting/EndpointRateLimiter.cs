using System.Threading.RateLimiting;

namespace Wallet.Hosting.RateLimiting;

/// <summary>
/// The fixed-window limiters of one service, from System.Threading.RateLimiting (the limiters behind ASP.NET Core's
/// rate-limiting middleware), partitioned by endpoint and by client address or API key. Applied by
/// <see cref="RateLimitFilter"/> on the endpoints themselves, so an embedding host gets the limits without adding
/// middleware in the right place of its pipeline.
/// </summary>
internal sealed class EndpointRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<(string Endpoint, string Partition, bool ApiKey)>? _limiter;

    public EndpointRateLimiter(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return;
        }

        _limiter = PartitionedRateLimiter.Create<(string Endpoint, string Partition, bool ApiKey), (string, string, bool)>(key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.Item3 ? options.PermitsPerApiKey : options.PermitsPerClient,
            Window = options.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null when the request may go on, else how long the client should wait.</summary>
    public TimeSpan? TryAcquire(string endpoint, string partition, bool apiKey)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire((endpoint, partition, apiKey));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter?.Dispose();
}
