namespace Wallet.Core.StatusList;

/// <summary>Transport, limit and cache settings of an <see cref="HttpTokenStatusChecker"/>.</summary>
public sealed record HttpTokenStatusCheckerOptions
{
    /// <summary>Largest accepted response body, in bytes. Default 4 MiB.</summary>
    public int MaxResponseBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How long one fetch may take, headers and body. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Allows plain http for loopback addresses (local development only). Every other <c>uri</c> must use https,
    /// because §8.1 requires TLS for the Status List endpoint.
    /// </summary>
    public bool AllowHttpForLoopback { get; init; }

    /// <summary>
    /// Accepts Status List Tokens in CWT form (<c>application/statuslist+cwt</c>) as well as JWT. On by default, so that
    /// a verifier checks the status of an mdoc (whose issuers commonly publish CWT lists) as it does an SD-JWT VC's;
    /// turn off to accept JWT only.
    /// </summary>
    public bool AcceptCwt { get; init; } = true;

    /// <summary>
    /// Asks for the CWT form first (<c>Accept: application/statuslist+cwt, application/statuslist+jwt;q=0.5</c>, §8.1
    /// content negotiation), as an mdoc verifier does: its credentials are CBOR and their issuers may serve CBOR lists.
    /// Either form is still accepted. Needs <see cref="AcceptCwt"/>.
    /// </summary>
    public bool PreferCwt { get; init; }

    /// <summary>How long a verified token is cached when it carries no <c>ttl</c>. Never beyond its <c>exp</c>. Default 5 minutes.</summary>
    public TimeSpan DefaultCacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound on caching, whatever the token's <c>ttl</c> says. Default one day.</summary>
    public TimeSpan MaxCacheDuration { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Most Status List Tokens kept in the cache. Default 1024.</summary>
    public int MaxCacheEntries { get; init; } = 1024;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (MaxResponseBytes <= 0)
        {
            throw new ArgumentException($"{nameof(MaxResponseBytes)} must be positive.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(Timeout)} must be positive.");
        }

        if (DefaultCacheDuration < TimeSpan.Zero || MaxCacheDuration < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DefaultCacheDuration)} and {nameof(MaxCacheDuration)} must not be negative.");
        }

        if (MaxCacheEntries < 0)
        {
            throw new ArgumentException($"{nameof(MaxCacheEntries)} must not be negative.");
        }
    }
}
