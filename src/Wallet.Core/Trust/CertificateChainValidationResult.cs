using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>The outcome of a certificate chain validation: the trusted leaf and anchor, or every failed check.</summary>
public sealed class CertificateChainValidationResult
{
    private CertificateChainValidationResult(X509Certificate2? leaf, TrustAnchor? anchor, IReadOnlyList<X509Certificate2> chain, IReadOnlyList<VerificationError> errors)
    {
        Leaf = leaf;
        TrustAnchor = anchor;
        Chain = chain;
        Errors = errors;
    }

    /// <summary>True when the chain leads to a trust anchor and every check passed.</summary>
    [MemberNotNullWhen(true, nameof(Leaf), nameof(TrustAnchor))]
    public bool IsValid => Errors.Count == 0 && Leaf is not null && TrustAnchor is not null;

    /// <summary>The end-entity certificate, when one was received.</summary>
    public X509Certificate2? Leaf { get; }

    /// <summary>The trust anchor the chain leads to, when valid.</summary>
    public TrustAnchor? TrustAnchor { get; }

    /// <summary>
    /// The validated chain, leaf first and ending with the trust anchor's certificate (whether or not it was received);
    /// empty unless valid, so a certificate that did not validate is never handed out as trusted.
    /// </summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    /// <summary>The level of assurance the trust anchor certifies, when it is tagged with one.</summary>
    public LevelOfAssurance? LevelOfAssurance => IsValid ? TrustAnchor.LevelOfAssurance : null;

    /// <summary>Every failed check, each naming the certificate it concerns.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>A successful validation of a leaf issued directly under the trust anchor.</summary>
    public static CertificateChainValidationResult Success(X509Certificate2 leaf, TrustAnchor anchor) =>
        Success([leaf ?? throw new ArgumentNullException(nameof(leaf))], anchor);

    /// <summary>A successful validation.</summary>
    /// <param name="path">The validated certificates below the anchor, leaf first (the received chain without the anchor).</param>
    /// <param name="anchor">The trust anchor that certifies the last certificate of <paramref name="path"/>.</param>
    public static CertificateChainValidationResult Success(IReadOnlyList<X509Certificate2> path, TrustAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(anchor);
        if (path.Count == 0 || path.Any(c => c is null))
        {
            throw new ArgumentException("A validated path holds at least the leaf certificate, and no null entries.", nameof(path));
        }

        return new(path[0], anchor, [.. path, anchor.Certificate], []);
    }

    /// <summary>A failed validation.</summary>
    public static CertificateChainValidationResult Failure(X509Certificate2? leaf, IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }

        return new(leaf, null, [], errors);
    }
}
