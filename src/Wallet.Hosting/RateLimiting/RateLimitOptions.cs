namespace Wallet.Hosting.RateLimiting;

/// <summary>
/// Abuse limits of a service (<c>Issuer:RateLimits</c>, <c>Verifier:RateLimits</c>): a fixed window per endpoint, counted
/// per client IP address on the unauthenticated endpoints that create state and per API key on the agency and
/// relying-party APIs. Behind a reverse proxy the host must set the client address (<c>UseForwardedHeaders</c>), or every
/// client shares the proxy's partition.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Whether the limits apply; on by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client IP address may make to one endpoint per <see cref="Window"/>.</summary>
    /// <remarks>Generous by default: many wallets share an address behind carrier-grade NAT.</remarks>
    public int PermitsPerClient { get; set; } = 600;

    /// <summary>Requests one API key may make to one API endpoint per <see cref="Window"/>.</summary>
    public int PermitsPerApiKey { get; set; } = 6000;

    /// <summary>The fixed window the permits are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The problems of these settings, each naming its setting under <paramref name="section"/>.</summary>
    /// <param name="section">The configuration path of these options, e.g. <c>Issuer:RateLimits</c>.</param>
    public IEnumerable<string> Validate(string section)
    {
        if (PermitsPerClient < 1)
        {
            yield return $"{section}:PermitsPerClient must be at least 1.";
        }

        if (PermitsPerApiKey < 1)
        {
            yield return $"{section}:PermitsPerApiKey must be at least 1.";
        }

        if (Window < TimeSpan.FromSeconds(1) || Window > TimeSpan.FromHours(24))
        {
            yield return $"{section}:Window must be from 00:00:01 to 1.00:00:00.";
        }
    }
}
