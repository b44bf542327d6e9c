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

    /// <summary>
    /// Creates a signing key from a certificate that holds its EC private key, with the CA certificates that certify it,
    /// for the <c>x5c</c> / <c>x5chain</c> header: leaf first, then each certificate's issuer (HAIP 1.0 §6).
    /// </summary>
    /// <remarks>
    /// A self-signed certificate in <paramref name="chain"/> is a trust anchor and is left out, as HAIP 1.0 keeps the trust
    /// anchor out of <c>x5c</c>; a PEM bundle or PKCS#12 file that ends with its root can so be passed as it is. The key is a
    /// new <see cref="ECDsa"/> instance that the caller disposes through <see cref="Key"/>.
    /// </remarks>
    /// <param name="certificate">The signing certificate with its private key (P-256, P-384 or P-521).</param>
    /// <param name="chain">The intermediate CA certificates, the leaf's issuer first; none when the leaf is issued by the anchor.</param>
    /// <param name="keyId">Optional <c>kid</c>.</param>
    /// <exception cref="ArgumentException">
    /// The certificate has no private key, its key is not an EC key on P-256, P-384 or P-521, or a chain certificate is
    /// not the issuer of the one before it.
    /// </exception>
    public static SigningKey FromCertificate(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException($"The certificate '{certificate.Subject}' has no private key.", nameof(certificate));
        }

        List<X509Certificate2> path = [certificate];
        foreach (var issuer in chain ?? [])
        {
            ArgumentNullException.ThrowIfNull(issuer, nameof(chain));
            if (IsSelfSigned(issuer))
            {
                continue;
            }

            // Names only: the order is what is checked here; whether the signatures hold is the verifier's chain validation.
            if (!issuer.SubjectName.RawData.AsSpan().SequenceEqual(path[^1].IssuerName.RawData))
            {
                throw new ArgumentException(
                    $"The chain is not in order: '{issuer.Subject}' is not the issuer of '{path[^1].Subject}' (issuer '{path[^1].Issuer}').",
                    nameof(chain));
            }

            path.Add(issuer);
        }

        var key = certificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException(
                $"The key of the certificate '{certificate.Subject}' is not an EC key; only ES256, ES384 and ES512 (P-256, P-384, P-521) are supported.",
                nameof(certificate));
        try
        {
            return new SigningKey(key, keyId, path);
        }
        catch (ArgumentException)
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a signing key from a PKCS#12 (.p12, .pfx) file's content: the one certificate with a private key is the leaf,
    /// and the other certificates that lead from it towards its root form the chain (see <see cref="FromCertificate"/>).
    /// </summary>
    /// <remarks>Certificates in the file that are not on the leaf's path are ignored; the root is never part of the chain.</remarks>
    /// <param name="pkcs12">The PKCS#12 content.</param>
    /// <param name="password">The password; null when the file has none.</param>
    /// <param name="keyId">Optional <c>kid</c>.</param>
    /// <exception cref="ArgumentException">
    /// The file holds no certificate with a private key or more than one, or the key is not an EC key on P-256, P-384 or P-521.
    /// </exception>
    /// <exception cref="CryptographicException">The content is not PKCS#12 or the password is wrong.</exception>
    public static SigningKey FromPkcs12(ReadOnlySpan<byte> pkcs12, string? password, string? keyId = null)
    {
        var certificates = X509CertificateLoader.LoadPkcs12Collection(pkcs12, password, X509KeyStorageFlags.EphemeralKeySet);
        SigningKey? signingKey = null;
        try
        {
            var leaves = certificates.Where(c => c.HasPrivateKey).ToList();
            if (leaves.Count != 1)
            {
                throw new ArgumentException(
                    leaves.Count == 0
                        ? "The PKCS#12 content holds no certificate with a private key."
                        : $"The PKCS#12 content holds {leaves.Count} certificates with a private key; which one signs is ambiguous.",
                    nameof(pkcs12));
            }

            signingKey = FromCertificate(leaves[0], PathFrom(leaves[0], certificates), keyId);
            return signingKey;
        }
        finally
        {
            // The key keeps the certificates of its chain; the others in the file are released.
            foreach (var certificate in certificates)
            {
                if (signingKey is null || !signingKey.CertificateChain.Any(c => ReferenceEquals(c, certificate)))
                {
                    certificate.Dispose();
                }
            }
        }
    }

    private static bool IsSelfSigned(X509Certificate2 certificate) =>
        certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>The certificates from <paramref name="leaf"/>'s issuer upwards, found by name, up to the first self-signed one.</summary>
    private static List<X509Certificate2> PathFrom(X509Certificate2 leaf, X509Certificate2Collection candidates)
    {
        List<X509Certificate2> path = [];
        var current = leaf;
        while (!IsSelfSigned(current) && path.Count < candidates.Count)
        {
            var issuer = candidates.FirstOrDefault(c =>
                !ReferenceEquals(c, current) && !IsSelfSigned(c) && c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData));
            if (issuer is null)
            {
                break;
            }

            path.Add(issuer);
            current = issuer;
        }

        return path;
    }
}
