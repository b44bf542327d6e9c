using System.Text.Json;

namespace Wallet.Core.Jose;

/// <summary>A JWE whose authentication tag verified: the protected header as received and the plaintext.</summary>
internal sealed class DecryptedJwe
{
    internal DecryptedJwe(JsonElement header, JweContentEncryption contentEncryption, PublicJwk ephemeralKey, string? keyId, byte[] plaintext)
    {
        Header = header;
        ContentEncryption = contentEncryption;
        EphemeralKey = ephemeralKey;
        KeyId = keyId;
        Plaintext = plaintext;
    }

    /// <summary>The decoded protected header.</summary>
    public JsonElement Header { get; }

    /// <summary>The <c>enc</c> used.</summary>
    public JweContentEncryption ContentEncryption { get; }

    /// <summary>The sender's ephemeral public key (<c>epk</c>).</summary>
    public PublicJwk EphemeralKey { get; }

    /// <summary>The <c>kid</c> header, when present.</summary>
    public string? KeyId { get; }

    /// <summary>The decrypted content.</summary>
    public ReadOnlyMemory<byte> Plaintext { get; }
}
