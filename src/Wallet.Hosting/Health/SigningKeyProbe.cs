using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;

namespace Wallet.Hosting.Health;

/// <summary>
/// Whether a signing key can sign now: it signs a probe and the signature is verified with the public key of its
/// certificate, whose validity must include now. Works for any <see cref="ECDsa"/>, so an HSM-held key is probed through
/// the token without its private part leaving it.
/// </summary>
internal static class SigningKeyProbe
{
    private static readonly byte[] Probe = "wallet health probe"u8.ToArray();

    /// <summary>Null when the key is usable, else a sentence naming <paramref name="name"/> and what failed.</summary>
    public static string? Check(string name, SigningKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] signature;
        try
        {
            signature = key.Key.SignData(Probe, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException)
        {
            return $"The {name} cannot sign.";
        }

        if (key.CertificateChain.Count == 0)
        {
            return key.Key.VerifyData(Probe, signature, HashAlgorithmName.SHA256) ? null : $"The {name}'s signature does not verify.";
        }

        var leaf = key.CertificateChain[0];
        var notBefore = leaf.NotBefore.ToUniversalTime();
        var notAfter = leaf.NotAfter.ToUniversalTime();
        if (now.UtcDateTime < notBefore || now.UtcDateTime > notAfter)
        {
            return $"The {name}'s certificate is not valid now (valid {notBefore:u} to {notAfter:u}).";
        }

        using var publicKey = leaf.GetECDsaPublicKey();
        return publicKey is not null && publicKey.VerifyData(Probe, signature, HashAlgorithmName.SHA256)
            ? null
            : $"The {name}'s signature does not verify with its certificate.";
    }
}
