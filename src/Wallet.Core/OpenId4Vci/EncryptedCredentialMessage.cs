using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using Wallet.Core.Jose;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// Encrypted Credential Requests and Responses (OpenID4VCI 1.0 §10): the JSON message is the plaintext of a compact JWE
/// sent as <c>application/jwt</c>, with direct <c>ECDH-ES</c> key agreement and A128GCM or A256GCM (the suite HAIP 1.0
/// §5 fixes for OpenID4VP responses, offered here for the Credential and Deferred Credential Endpoints).
/// </summary>
public static class EncryptedCredentialMessage
{
    /// <summary>The media type of an encrypted request or response (§10).</summary>
    public const string MediaType = "application/jwt";

    /// <summary>Largest accepted compact JWE, in characters, unless a caller passes its own limit.</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    /// <summary>
    /// Encrypts a Credential Request to one of the issuer's <c>credential_request_encryption</c> keys (§10): JWE
    /// <c>alg</c> <c>ECDH-ES</c>, the key's <c>kid</c> in the header.
    /// </summary>
    /// <exception cref="ArgumentException">The key has no <c>kid</c> (§12.2.4 requires one on every key).</exception>
    public static string EncryptRequest(ReadOnlySpan<byte> utf8Json, PublicJwk issuerKey, JweContentEncryption contentEncryption)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        if (string.IsNullOrEmpty(issuerKey.KeyId))
        {
            throw new ArgumentException("A credential_request_encryption key must have a 'kid' (OpenID4VCI 1.0 §12.2.4).", nameof(issuerKey));
        }

        return EcdhEsJwe.Encrypt(utf8Json, issuerKey, contentEncryption, issuerKey.KeyId);
    }

    /// <summary>
    /// Decrypts an encrypted Credential Request with the issuer key its <c>kid</c> names. Checks, in order: size, the
    /// header's <c>kid</c> among <paramref name="keys"/>, then every JWE check (<c>alg</c> <c>ECDH-ES</c>, <c>enc</c> on
    /// <paramref name="allowedContentEncryptions"/>, no <c>zip</c>/<c>crit</c>, <c>epk</c>, tag), and that the plaintext
    /// is UTF-8. The plaintext is still to be parsed as the JSON request.
    /// </summary>
    public static bool TryDecryptRequest(
        string compact,
        IReadOnlyList<CredentialRequestDecryptionKey> keys,
        IReadOnlyList<JweContentEncryption> allowedContentEncryptions,
        int maxLength,
        [NotNullWhen(true)] out byte[]? plaintext,
        [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(allowedContentEncryptions);
        plaintext = null;
        var limits = new JweLimits { MaxTokenLength = maxLength };
        if (compact.Length > maxLength)
        {
            error = new(JweErrorCodes.TooLarge, $"The encrypted request is {compact.Length} characters long; the limit is {maxLength}.");
            return false;
        }

        // The kid picks the key before any cryptography (§10: the kid identifies the key used).
        var dot = compact.IndexOf('.', StringComparison.Ordinal);
        string? kid = null;
        if (dot > 0 && dot <= limits.MaxHeaderLength && Base64UrlStrict.TryDecode(compact.AsSpan(0, dot), out var headerBytes)
            && StrictJson.TryParseElement(headerBytes, limits.MaxHeaderDepth, allowDuplicateProperties: false, out var header, out _)
            && header.ValueKind == JsonValueKind.Object && header.TryGetProperty("kid", out var kidElement) && kidElement.ValueKind == JsonValueKind.String)
        {
            kid = kidElement.GetString();
        }
        else if (dot <= 0 || compact.Split('.').Length != 5)
        {
            error = new(JweErrorCodes.Malformed, "The request body is not a compact JWE: five base64url segments separated by '.' (RFC 7516 §7.1).");
            return false;
        }

        var key = kid is null ? null : keys.FirstOrDefault(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));
        if (key is null)
        {
            error = new(OpenId4VciErrorCodes.RequestEncryptionKeyUnknown, kid is null
                ? "The encrypted request's JWE header has no 'kid'; it must name the credential_request_encryption key used (§10)."
                : "The encrypted request's 'kid' is not one of the keys in credential_request_encryption.jwks; fetch the metadata again (§10, §12.2.4).");
            return false;
        }

        var options = new JweDecryptionOptions { AllowedContentEncryptions = allowedContentEncryptions, ExpectedKeyId = key.KeyId, Limits = limits };
        if (!EcdhEsJwe.TryDecrypt(compact, key.Key, options, out var decrypted, out error))
        {
            return false;
        }

        if (!Utf8.IsValid(decrypted.Plaintext.Span))
        {
            error = new(OpenId4VciErrorCodes.RequestEncryptedContentInvalid, "The decrypted Credential Request is not UTF-8 (§10, RFC 8259 §8.1).");
            return false;
        }

        plaintext = decrypted.Plaintext.ToArray();
        return true;
    }

    /// <summary>
    /// Decrypts an encrypted Credential Response with the Wallet's private key, checking that it was encrypted as the
    /// request asked (§10): <c>alg</c> <c>ECDH-ES</c>, the asked <c>enc</c>, and the key's <c>kid</c> when it has one.
    /// </summary>
    public static bool TryDecryptResponse(
        string compact,
        ECDiffieHellman walletKey,
        CredentialResponseEncryption asked,
        int maxLength,
        [NotNullWhen(true)] out byte[]? plaintext,
        [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(walletKey);
        ArgumentNullException.ThrowIfNull(asked);
        plaintext = null;
        var options = new JweDecryptionOptions { AllowedContentEncryptions = [asked.ContentEncryption], ExpectedKeyId = asked.Key.KeyId, Limits = new JweLimits { MaxTokenLength = maxLength } };
        if (!EcdhEsJwe.TryDecrypt(compact, walletKey, options, out var decrypted, out error))
        {
            return false;
        }

        plaintext = decrypted.Plaintext.ToArray();
        return true;
    }

    /// <summary>
    /// The §8.3.1.2 <c>error</c> for a failure of <see cref="TryDecryptRequest"/>: a body that is not a JWE at all or
    /// whose content is not UTF-8 is <c>invalid_credential_request</c>; every failure of the encryption itself (unknown
    /// <c>kid</c>, <c>alg</c>, <c>enc</c>, <c>zip</c>, <c>epk</c>, tag) is <c>invalid_encryption_parameters</c>.
    /// </summary>
    public static string WireErrorFor(string code) => code switch
    {
        JweErrorCodes.Malformed or JweErrorCodes.TooLarge or OpenId4VciErrorCodes.RequestEncryptedContentInvalid => OpenId4VciErrors.InvalidCredentialRequest,
        _ => OpenId4VciErrors.InvalidEncryptionParameters,
    };
}
