using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The <c>credential_response_encryption</c> parameter of a Credential or Deferred Credential Request (OpenID4VCI 1.0
/// §8.2, §9.1): the Wallet's public key and the <c>enc</c> the response is encrypted with (§10). The key's <c>alg</c> is
/// required and becomes the JWE <c>alg</c>; only <c>ECDH-ES</c> is implemented; <c>zip</c> is not supported.
/// </summary>
public sealed record CredentialResponseEncryption
{
    /// <summary>Creates the parameter for <paramref name="key"/>; its <c>kid</c>, when set, is echoed in the JWE header.</summary>
    public CredentialResponseEncryption(PublicJwk key, JweContentEncryption contentEncryption)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(contentEncryption);
        Key = key;
        ContentEncryption = contentEncryption;
    }

    /// <summary>The public key (<c>jwk</c>) the response is encrypted to.</summary>
    public PublicJwk Key { get; }

    /// <summary>The JWE <c>alg</c>, the <c>alg</c> of the key (§10): always <c>ECDH-ES</c>.</summary>
    public static string Algorithm => EcdhEsJwe.Algorithm;

    /// <summary>The <c>enc</c>.</summary>
    public JweContentEncryption ContentEncryption { get; }

    /// <summary>The parameter as sent: <c>jwk</c> (with <c>alg</c> <c>ECDH-ES</c> and <c>use</c> <c>enc</c>) and <c>enc</c>.</summary>
    public JsonObject ToJsonObject()
    {
        var jwk = Key.ToJsonObject();
        jwk["use"] = "enc";
        jwk["alg"] = Algorithm;
        return new JsonObject { ["jwk"] = jwk, ["enc"] = ContentEncryption.Name };
    }

    /// <summary>
    /// Encrypts a response body to <see cref="Key"/> as a compact JWE (§10): <c>alg</c> from the key, <c>enc</c> as asked,
    /// and the key's <c>kid</c> in the header when it has one.
    /// </summary>
    public string Encrypt(ReadOnlySpan<byte> utf8Json) => EcdhEsJwe.Encrypt(utf8Json, Key, ContentEncryption, Key.KeyId);

    /// <summary>
    /// Reads the parameter: an object with a public EC <c>jwk</c> that carries <c>alg</c> (§10), whose <c>use</c>, if
    /// present, is <c>enc</c>, and a string <c>enc</c>. An <c>alg</c> other than <c>ECDH-ES</c>, an <c>enc</c> other than
    /// A128GCM/A256GCM and any <c>zip</c> are reported as <see cref="OpenId4VciErrorCodes.RequestEncryptionUnsupported"/>;
    /// malformed parameters as <see cref="OpenId4VciErrorCodes.RequestEncryptionInvalid"/>.
    /// </summary>
    internal static bool TryParse(JsonElement element, [NotNullWhen(true)] out CredentialResponseEncryption? encryption, [NotNullWhen(false)] out VerificationError? error)
    {
        encryption = null;
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("jwk", out var jwkElement) || jwkElement.ValueKind != JsonValueKind.Object)
        {
            error = Invalid("'credential_response_encryption' must be an object with a 'jwk' object (§8.2).");
            return false;
        }

        var enc = JsonInput.GetString(element, "enc");
        if (enc is null)
        {
            error = Invalid("'credential_response_encryption.enc' is required and must be a string (§8.2).");
            return false;
        }

        if (element.TryGetProperty("zip", out _))
        {
            error = Unsupported("'credential_response_encryption.zip' is not supported: this issuer offers no zip_values_supported (§8.2, §12.2.4).");
            return false;
        }

        var alg = JsonInput.GetString(jwkElement, "alg");
        if (alg is null)
        {
            error = Invalid("The 'jwk' of 'credential_response_encryption' must carry 'alg', which becomes the JWE 'alg' (§10).");
            return false;
        }

        if (JsonInput.GetString(jwkElement, "use") is { } use && use != "enc")
        {
            error = Invalid("The 'jwk' of 'credential_response_encryption' has a 'use' other than 'enc' (RFC 7517 §4.2).");
            return false;
        }

        if (!PublicJwk.TryParse(jwkElement, out var key, out var jwkError))
        {
            error = Invalid($"The 'jwk' of 'credential_response_encryption' is not a public EC key: {jwkError.Message}");
            return false;
        }

        if (alg != EcdhEsJwe.Algorithm)
        {
            error = Unsupported($"The JWE alg '{Truncate(alg)}' is not supported for responses; only '{EcdhEsJwe.Algorithm}' is (§12.2.4 alg_values_supported).");
            return false;
        }

        if (!JweContentEncryption.TryFromName(enc, out var contentEncryption))
        {
            error = Unsupported($"The enc '{Truncate(enc)}' is not supported for responses; A128GCM and A256GCM are (§12.2.4 enc_values_supported).");
            return false;
        }

        encryption = new CredentialResponseEncryption(key, contentEncryption);
        error = null;
        return true;
    }

    private static VerificationError Invalid(string message) => new(OpenId4VciErrorCodes.RequestEncryptionInvalid, message);

    private static VerificationError Unsupported(string message) => new(OpenId4VciErrorCodes.RequestEncryptionUnsupported, message);

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
