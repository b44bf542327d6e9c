using Wallet.Core.Jose;

namespace Wallet.Core.StatusList;

/// <summary>How a <see cref="StatusListTokenVerifier"/> decides whom to trust and what to accept.</summary>
public sealed record StatusListTokenVerifierOptions
{
    /// <summary>
    /// Keys trusted to sign Status List Tokens directly, for deployments that pin the status list signer's key
    /// instead of (or besides) validating an <c>x5c</c> / <c>x5chain</c>. Matched by <c>kid</c> when both carry one.
    /// </summary>
    public IReadOnlyList<PublicJwk> TrustedKeys { get; init; } = [];

    /// <summary>Accepted signature algorithms.</summary>
    public JwsAlgorithmPolicy AlgorithmPolicy { get; init; } = JwsAlgorithmPolicy.Default;

    /// <summary>Limits on the decoded Status List.</summary>
    public StatusListLimits ListLimits { get; init; } = StatusListLimits.Default;

    /// <summary>Largest accepted token: characters of a JWT, bytes of a CWT. Default 4 MiB.</summary>
    public int MaxTokenBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most certificates accepted in <c>x5c</c> / <c>x5chain</c>.</summary>
    public int MaxCertificateChainLength { get; init; } = 8;

    /// <summary>Tolerance for clock differences when checking <c>exp</c>, <c>nbf</c> and <c>iat</c>. Default one minute.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>When set, a token whose <c>iat</c> is older than this is rejected as stale (§8.3).</summary>
    public TimeSpan? MaxAge { get; init; }

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (TrustedKeys is null || AlgorithmPolicy is null || ListLimits is null)
        {
            throw new ArgumentException($"{nameof(TrustedKeys)}, {nameof(AlgorithmPolicy)} and {nameof(ListLimits)} must be set.");
        }

        if (MaxTokenBytes <= 0 || MaxCertificateChainLength <= 0)
        {
            throw new ArgumentException($"{nameof(MaxTokenBytes)} and {nameof(MaxCertificateChainLength)} must be positive.");
        }

        if (ClockSkew < TimeSpan.Zero || MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(ClockSkew)} must not be negative and {nameof(MaxAge)}, when set, must be positive.");
        }

        if (ListLimits.MaxDecompressedBytes <= 0 || ListLimits.MaxEntries <= 0 || ListLimits.MaxCborDepth <= 0)
        {
            throw new ArgumentException($"Every {nameof(ListLimits)} value must be positive.");
        }
    }
}
