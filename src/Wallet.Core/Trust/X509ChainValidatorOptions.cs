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
}
