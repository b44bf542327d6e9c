using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>Policy of an <see cref="X509ChainValidator"/>.</summary>
public sealed record X509ChainValidatorOptions
{
    /// <summary>Defaults: no revocation checking, at most 5 received certificates, trust anchor not allowed in the chain.</summary>
    public static X509ChainValidatorOptions Default { get; } = new();

    /// <summary>
    /// Revocation checking. <see cref="X509RevocationMode.NoCheck"/> by default, because credentials carry their own
    /// status (Token Status List); <see cref="X509RevocationMode.Online"/> fetches CRLs from each certificate's
    /// CRL distribution point. When enabled, a certificate whose status cannot be determined is rejected.
    /// </summary>
    public X509RevocationMode RevocationMode { get; init; } = X509RevocationMode.NoCheck;

    /// <summary>How long to wait for a CRL download when <see cref="RevocationMode"/> is online.</summary>
    public TimeSpan RevocationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most certificates a received chain may hold (leaf and intermediates, and the anchor when allowed).</summary>
    public int MaxChainLength { get; init; } = 5;

    /// <summary>
    /// Accept a chain whose last certificate is the trust anchor itself. HAIP 1.0 (§4.1, §6.1) says the anchor
    /// MUST NOT be included, so this is off by default; turn it on for ecosystems that include the root anyway.
    /// </summary>
    public bool AllowAnchorInChain { get; init; }

    /// <summary>
    /// How long a successful validation of the same chain for the same usage is reused, as long as the validation time
    /// still lies inside every certificate's validity. A verifier meets few issuer chains, and the platform chain engine
    /// costs milliseconds per call. <see cref="TimeSpan.Zero"/> turns the cache off; keep it short when revocation
    /// checking is on, because a cached result does not see a newer CRL.
    /// </summary>
    public TimeSpan SuccessCacheDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most chains kept in the success cache; when full, the cache is emptied and refilled.</summary>
    public int MaxCacheEntries { get; init; } = 1024;

    /// <summary>The clock that ages cache entries (validity itself is judged at the caller's validation time).</summary>
    public TimeProvider CacheClock { get; init; } = TimeProvider.System;
}
