using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Security;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The Verifier's ephemeral, per-request P-256 key agreement key for encrypted responses (HAIP 1.0 §5; OpenID4VP 1.0
/// §8.3). Its public half is published in <c>client_metadata.jwks</c> with <c>alg</c> <c>ECDH-ES</c>, <c>use</c>
/// <c>enc</c> and a <c>kid</c>; the private half decrypts the Wallet's <c>direct_post.jwt</c> response.
/// </summary>
public sealed class VerifierEncryptionKey : IDisposable
{
    private VerifierEncryptionKey(ECDiffieHellman key, string keyId)
    {
        Key = key;
        KeyId = keyId;
        using var ecdsa = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        PublicKey = PublicJwk.FromECDsa(ecdsa, keyId);
    }

    /// <summary>The private key.</summary>
    public ECDiffieHellman Key { get; }

    /// <summary>The <c>kid</c> the Wallet must put in the JWE header.</summary>
    public string KeyId { get; }

    /// <summary>The public half, with <see cref="KeyId"/>.</summary>
    public PublicJwk PublicKey { get; }

    /// <summary>Creates a fresh P-256 key with a random <c>kid</c> (or <paramref name="keyId"/>).</summary>
    public static VerifierEncryptionKey Generate(string? keyId = null) =>
        new(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), keyId ?? RandomHandle.Create(RandomHandle.MinimumBytes));

    /// <summary>Restores a key saved with <see cref="ExportPkcs8"/>.</summary>
    /// <exception cref="CryptographicException">The bytes are not a PKCS#8 P-256 private key.</exception>
    public static VerifierEncryptionKey FromPkcs8(ReadOnlySpan<byte> pkcs8, string keyId)
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

            return new VerifierEncryptionKey(key, keyId);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>The private key as PKCS#8 DER, for a store that keeps it until the transaction ends.</summary>
    public byte[] ExportPkcs8() => Key.ExportPkcs8PrivateKey();

    /// <summary>The public JWK as published in <c>client_metadata.jwks</c>: <c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c>, <c>kid</c>, <c>use</c> <c>enc</c>, <c>alg</c> <c>ECDH-ES</c>.</summary>
    public JsonObject ToJwk()
    {
        var jwk = PublicKey.ToJsonObject();
        jwk["use"] = "enc";
        jwk["alg"] = EcdhEsJwe.Algorithm;
        return jwk;
    }

    /// <summary>The RFC 7638 SHA-256 thumbprint of the public key, as used in the mdoc OpenID4VPHandover (OpenID4VP 1.0 B.2.6.1).</summary>
    public byte[] ComputeThumbprint() => PublicKey.ComputeThumbprint();

    /// <inheritdoc />
    public void Dispose() => Key.Dispose();
}
