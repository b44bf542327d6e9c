namespace Wallet.Core.Trust;

/// <summary>Bounds applied when parsing a received certificate chain (<c>x5c</c> or <c>x5chain</c>).</summary>
public sealed record X5cLimits
{
    /// <summary>Defaults: 10 certificates of at most 16 KiB each, far above any real HAIP or ISO 18013-5 chain.</summary>
    public static X5cLimits Default { get; } = new();

    /// <summary>Most certificates in one chain.</summary>
    public int MaxCertificates { get; init; } = 10;

    /// <summary>Largest accepted DER certificate, in bytes.</summary>
    public int MaxCertificateLength { get; init; } = 16 * 1024;
}
