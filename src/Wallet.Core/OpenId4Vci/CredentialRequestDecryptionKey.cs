using System.Security.Cryptography;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// A Credential Issuer's P-256 key agreement key for encrypted Credential Requests (OpenID4VCI 1.0 §10, §12.2.4
/// <c>credential_request_encryption</c>). Its public half is published in the metadata's <c>jwks</c> with its
/// <c>kid</c>; the private half decrypts requests whose JWE header names that <c>kid</c>.
/// </summary>
public sealed class CredentialRequestDecryptionKey : IDisposable
{
    private CredentialRequestDecryptionKey(ECDiffieHellman key, string keyId)
    {
        Key = key;
        KeyId = keyId;
        using var ecdsa = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        PublicKey = PublicJwk.FromECDsa(ecdsa, keyId);
    }

    /// <summary>The private key.</summary>
    public ECDiffieHellman Key { get; }

    /// <summary>The <c>kid</c>, unique among the issuer's request encryption keys.</summary>
    public string KeyId { get; }

    /// <summary>The public half, with <see cref="KeyId"/>.</summary>
    public PublicJwk PublicKey { get; }

    /// <summary>Creates a fresh P-256 key whose <c>kid</c> is the RFC 7638 thumbprint of its public key.</summary>
    public static CredentialRequestDecryptionKey Generate()
    {
        var key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var ecdsa = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        return new(key, PublicJwk.FromECDsa(ecdsa).ComputeThumbprintBase64Url());
    }

    /// <summary>Restores a key saved with <see cref="ExportPkcs8"/>.</summary>
    /// <exception cref="CryptographicException">The bytes are not a PKCS#8 P-256 private key.</exception>
    public static CredentialRequestDecryptionKey FromPkcs8(ReadOnlySpan<byte> pkcs8, string keyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var key = ECDiffieHellman.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out _);
            if (key.KeySize != 256)
            {
                throw new CryptographicException("The key is not on P-256.");
            }

            return new CredentialRequestDecryptionKey(key, keyId);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key as PKCS#8 DER.</summary>
    public byte[] ExportPkcs8() => Key.ExportPkcs8PrivateKey();

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
