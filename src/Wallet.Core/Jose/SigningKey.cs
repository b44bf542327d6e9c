using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Jose;

/// <summary>
/// A private ECDSA key used to sign JWS and COSE structures, with its algorithm, optional <c>kid</c>
/// and optional X.509 certificate chain (leaf first, trust anchor excluded, as HAIP 1.0 wants in
/// <c>x5c</c> / <c>x5chain</c>).
/// </summary>
/// <remarks>
/// The key is any <see cref="ECDsa"/>, so a hardware-backed implementation (PKCS#11, a cloud KMS)
/// plugs in by subclassing <see cref="ECDsa"/>. This type does not own the key: the caller disposes it.
/// </remarks>
public sealed class SigningKey
{
    /// <summary>Wraps an ECDSA key on P-256, P-384 or P-521.</summary>
    /// <param name="key">The private key.</param>
    /// <param name="keyId">Optional <c>kid</c> to put in headers.</param>
    /// <param name="certificateChain">Optional certificate chain, leaf (certifying <paramref name="key"/>) first.</param>
    public SigningKey(ECDsa key, string? keyId = null, IReadOnlyList<X509Certificate2>? certificateChain = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        PublicJwk = PublicJwk.FromECDsa(key, keyId);
        Algorithm = PublicJwk.Algorithm;
        KeyId = keyId;
        CertificateChain = certificateChain ?? [];
        if (CertificateChain.Count > 0)
        {
            using var leafKey = CertificateChain[0].GetECDsaPublicKey()
                ?? throw new ArgumentException("The leaf certificate does not hold an EC public key.", nameof(certificateChain));
            if (!PublicJwk.HasSameKey(PublicJwk.FromECDsa(leafKey)))
            {
                throw new ArgumentException("The leaf certificate does not certify this key.", nameof(certificateChain));
            }
        }
    }

    /// <summary>The private key.</summary>
    public ECDsa Key { get; }

    /// <summary>The algorithm implied by the key's curve.</summary>
    public JwsAlgorithm Algorithm { get; }

    /// <summary>The optional <c>kid</c>.</summary>
    public string? KeyId { get; }

    /// <summary>The public half as a JWK.</summary>
    public PublicJwk PublicJwk { get; }

    /// <summary>The certificate chain, leaf first; empty when the key has no certificate.</summary>
    public IReadOnlyList<X509Certificate2> CertificateChain { get; }

    /// <summary>Creates a fresh key on the curve of <paramref name="algorithm"/> (P-256 by default).</summary>
    public static SigningKey Generate(JwsAlgorithm? algorithm = null, string? keyId = null) =>
        new(ECDsa.Create((algorithm ?? JwsAlgorithm.ES256).Curve), keyId);

    /// <summary>Signs <paramref name="data"/> and returns the fixed-size r ‖ s signature used by JWS and COSE.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) =>
        Key.SignData(data, Algorithm.HashAlgorithm, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
}
