namespace Wallet.Core.SdJwt;

/// <summary>How an <see cref="SdJwtIssuer"/> builds an SD-JWT.</summary>
public sealed record SdJwtIssuanceOptions
{
    /// <summary>The <c>typ</c> header (RFC 9901 §9.11 recommends explicit typing).</summary>
    public string Type { get; init; } = "sd+jwt";

    /// <summary>The hash for Disclosure digests, written as <c>_sd_alg</c>.</summary>
    public SdHashAlgorithm HashAlgorithm { get; init; } = SdHashAlgorithm.Sha256;

    /// <summary>Fewest decoy digests added to each <c>_sd</c> array (RFC 9901 §4.2.5).</summary>
    public int MinDecoyDigests { get; init; } = 1;

    /// <summary>Most decoy digests added to each <c>_sd</c> array; the count is drawn uniformly per array.</summary>
    public int MaxDecoyDigests { get; init; } = 3;

    /// <summary>Puts the signing key's certificate chain in the <c>x5c</c> header.</summary>
    public bool IncludeCertificateChain { get; init; }
}
