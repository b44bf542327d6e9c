using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.Trust;

namespace Wallet.Core.SdJwt;

/// <summary>The Issuer key found for an SD-JWT, with what is known about the Issuer, or why none was found.</summary>
public sealed class IssuerKeyResolution
{
    private IssuerKeyResolution(PublicJwk? key, string? issuer, LevelOfAssurance? levelOfAssurance, X509Certificate2? certificate, CertificateChainValidationResult? trust, IReadOnlyList<VerificationError> errors)
    {
        Key = key;
        Issuer = issuer;
        LevelOfAssurance = levelOfAssurance;
        Certificate = certificate;
        CertificateChain = trust?.Chain ?? [];
        TrustAnchor = trust?.TrustAnchor;
        Errors = errors;
    }

    /// <summary>The key the Issuer-signed JWT must verify with.</summary>
    public PublicJwk? Key { get; }

    /// <summary>Who the key belongs to, for reports: a certificate subject or an issuer identifier.</summary>
    public string? Issuer { get; }

    /// <summary>The level of assurance of the trust anchor the key chains to, when known.</summary>
    public LevelOfAssurance? LevelOfAssurance { get; }

    /// <summary>The end-entity certificate, when the key came from <c>x5c</c>.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>
    /// The validated certificate chain the key came from, leaf first and ending with the trust anchor's certificate;
    /// empty when the key did not come from a validated chain.
    /// </summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>The trust anchor the certificate chain validated to, when the key came from one.</summary>
    public TrustAnchor? TrustAnchor { get; }

    /// <summary>Why no key could be resolved.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>True when a key was resolved.</summary>
    [MemberNotNullWhen(true, nameof(Key))]
    public bool IsResolved => Key is not null && Errors.Count == 0;

    /// <summary>A resolved key.</summary>
    public static IssuerKeyResolution Resolved(PublicJwk key, string? issuer, LevelOfAssurance? levelOfAssurance = null, X509Certificate2? certificate = null) =>
        new(key ?? throw new ArgumentNullException(nameof(key)), issuer, levelOfAssurance, certificate, null, []);

    /// <summary>A key taken from the leaf of a validated certificate chain: the Issuer is the leaf subject, the level of assurance the anchor's.</summary>
    /// <param name="key">The leaf's public key.</param>
    /// <param name="trust">The successful chain validation.</param>
    /// <exception cref="ArgumentException"><paramref name="trust"/> is not a successful validation.</exception>
    public static IssuerKeyResolution Resolved(PublicJwk key, CertificateChainValidationResult trust)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(trust);
        if (!trust.IsValid)
        {
            throw new ArgumentException("Only a successful chain validation vouches for a key.", nameof(trust));
        }

        return new(key, trust.Leaf.Subject, trust.LevelOfAssurance, trust.Leaf, trust, []);
    }

    /// <summary>No key could be resolved.</summary>
    public static IssuerKeyResolution Failed(IReadOnlyList<VerificationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failed resolution needs at least one error.", nameof(errors));
        }

        return new(null, null, null, null, null, errors);
    }
}
