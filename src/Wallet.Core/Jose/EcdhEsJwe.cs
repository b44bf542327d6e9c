using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.Jose;

/// <summary>
/// JWE compact serialization (RFC 7516 §7.1) with <c>alg</c> <c>ECDH-ES</c> in direct key agreement mode
/// (RFC 7518 §4.6) and AES-GCM content encryption, as OpenID4VP 1.0 §8.3 and HAIP 1.0 §5 use for encrypted
/// authorization responses. Built on the base class library (<see cref="ECDiffieHellman"/>, <see cref="ConcatKdf"/>,
/// <see cref="AesGcm"/>), because Microsoft.IdentityModel does not implement direct ECDH-ES.
/// </summary>
internal static class EcdhEsJwe
{
    /// <summary>The only <c>alg</c> value accepted and produced.</summary>
    public const string Algorithm = "ECDH-ES";

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="recipientKey"/> with a fresh ephemeral key.</summary>
    /// <param name="plaintext">The content, e.g. the UTF-8 JSON of an authorization response.</param>
    /// <param name="recipientKey">The recipient's public key (e.g. from the Verifier's <c>client_metadata.jwks</c>).</param>
    /// <param name="contentEncryption">The <c>enc</c> algorithm.</param>
    /// <param name="keyId">The <c>kid</c> to put in the header (OpenID4VP requires the recipient key's <c>kid</c>); none when null.</param>
    /// <param name="partyUInfo">Raw <c>apu</c> bytes (information about the producer); omitted when null.</param>
    /// <param name="partyVInfo">Raw <c>apv</c> bytes (information about the recipient); omitted when null.</param>
    /// <returns>The compact JWE.</returns>
    public static string Encrypt(
        ReadOnlySpan<byte> plaintext,
        PublicJwk recipientKey,
        JweContentEncryption contentEncryption,
        string? keyId = null,
        byte[]? partyUInfo = null,
        byte[]? partyVInfo = null)
    {
        ArgumentNullException.ThrowIfNull(recipientKey);
        ArgumentNullException.ThrowIfNull(contentEncryption);
        using var ephemeral = ECDiffieHellman.Create(recipientKey.Algorithm.Curve);
        using var recipient = ToDiffieHellman(recipientKey);
        using var recipientPublic = recipient.PublicKey; // a new native key on every read of PublicKey
        var z = ephemeral.DeriveRawSecretAgreement(recipientPublic);
        var cek = ConcatKdf.DeriveKey(z, contentEncryption.Name, partyUInfo ?? [], partyVInfo ?? [], contentEncryption.KeyLength);
        CryptographicOperations.ZeroMemory(z);

        var header = new JsonObject
        {
            ["alg"] = Algorithm,
            ["enc"] = contentEncryption.Name,
        };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }

        using (var ephemeralPublic = ECDsa.Create(ephemeral.ExportParameters(includePrivateParameters: false)))
        {
            var epk = PublicJwk.FromECDsa(ephemeralPublic).ToJsonObject();
            header["epk"] = epk;
        }

        if (partyUInfo is not null)
        {
            header["apu"] = Base64UrlStrict.Encode(partyUInfo);
        }

        if (partyVInfo is not null)
        {
            header["apv"] = Base64UrlStrict.Encode(partyVInfo);
        }

        var encodedHeader = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var iv = RandomNumberGenerator.GetBytes(JweContentEncryption.IvLength);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[JweContentEncryption.TagLength];
        try
        {
            using var aes = new AesGcm(cek, JweContentEncryption.TagLength);
            aes.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(encodedHeader));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }

        // Direct key agreement: the JWE Encrypted Key is the empty octet sequence (RFC 7518 §4.6).
        return $"{encodedHeader}..{Base64UrlStrict.Encode(iv)}.{Base64UrlStrict.Encode(ciphertext)}.{Base64UrlStrict.Encode(tag)}";
    }

    /// <summary>
    /// Decrypts a compact JWE with the recipient's private key. Checks, in order: size, five segments, header JSON,
    /// <c>alg</c>, <c>enc</c>, unsupported <c>zip</c>/<c>crit</c>, <c>kid</c>, <c>epk</c>, empty encrypted key, IV and
    /// tag lengths, then the authentication tag over the protected header exactly as received. Never throws for
    /// malformed input.
    /// </summary>
    /// <param name="compact">The token as received.</param>
    /// <param name="recipientKey">The recipient's private key.</param>
    /// <param name="options">Allow-list, expected <c>kid</c> and limits; <see cref="JweDecryptionOptions.Default"/> when null.</param>
    /// <param name="result">The header and plaintext.</param>
    /// <param name="error">The first failed check, with a <see cref="JweErrorCodes"/> code.</param>
    public static bool TryDecrypt(
        string compact,
        ECDiffieHellman recipientKey,
        JweDecryptionOptions? options,
        [NotNullWhen(true)] out DecryptedJwe? result,
        [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(recipientKey);
        options ??= JweDecryptionOptions.Default;
        result = null;
        var limits = options.Limits;
        if (compact.Length > limits.MaxTokenLength)
        {
            error = new(JweErrorCodes.TooLarge, $"The JWE is {compact.Length} characters long; the limit is {limits.MaxTokenLength}.");
            return false;
        }

        var segments = compact.Split('.');
        if (segments.Length != 5)
        {
            error = new(JweErrorCodes.Malformed, $"A compact JWE has five segments separated by '.'; this one has {segments.Length} (RFC 7516 §7.1).");
            return false;
        }

        if (segments[0].Length > limits.MaxHeaderLength)
        {
            error = new(JweErrorCodes.TooLarge, $"The JWE protected header is {segments[0].Length} characters long; the limit is {limits.MaxHeaderLength}.");
            return false;
        }

        if (!Base64UrlStrict.TryDecode(segments[0], out var headerBytes) || segments[0].Length == 0
            || !Base64UrlStrict.TryDecode(segments[1], out var encryptedKey)
            || !Base64UrlStrict.TryDecode(segments[2], out var iv)
            || !Base64UrlStrict.TryDecode(segments[3], out var ciphertext)
            || !Base64UrlStrict.TryDecode(segments[4], out var tag))
        {
            error = new(JweErrorCodes.Malformed, "A JWE segment is not unpadded base64url (RFC 7516 §2), or the protected header is empty.");
            return false;
        }

        if (!TryParseHeader(headerBytes, limits, out var header, out error))
        {
            return false;
        }

        if (!TryCheckHeader(header, recipientKey, options, out var contentEncryption, out var ephemeralKey, out var partyUInfo, out var partyVInfo, out error))
        {
            return false;
        }

        if (encryptedKey.Length != 0)
        {
            error = new(JweErrorCodes.Malformed, "The JWE Encrypted Key must be empty for direct ECDH-ES key agreement (RFC 7518 §4.6).");
            return false;
        }

        if (iv.Length != JweContentEncryption.IvLength || tag.Length != JweContentEncryption.TagLength)
        {
            error = new(JweErrorCodes.Malformed, $"AES-GCM needs a {JweContentEncryption.IvLength}-byte IV and a {JweContentEncryption.TagLength}-byte tag (RFC 7518 §5.3); got {iv.Length} and {tag.Length}.");
            return false;
        }

        byte[] z;
        try
        {
            using var sender = ToDiffieHellman(ephemeralKey);

            // PublicKey is a new object holding its own native key on every read: disposed here, not by the finalizer.
            using var senderPublic = sender.PublicKey;
            z = recipientKey.DeriveRawSecretAgreement(senderPublic);
        }
        catch (CryptographicException)
        {
            error = new(JweErrorCodes.InvalidEphemeralKey, "No key agreement is possible between the 'epk' and the recipient key.");
            return false;
        }

        var cek = ConcatKdf.DeriveKey(z, contentEncryption.Name, partyUInfo, partyVInfo, contentEncryption.KeyLength);
        CryptographicOperations.ZeroMemory(z);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(cek, JweContentEncryption.TagLength);

            // The Additional Authenticated Data is the protected header segment exactly as received (RFC 7516 §5.2 step 14).
            aes.Decrypt(iv, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(segments[0]));
        }
        catch (AuthenticationTagMismatchException)
        {
            error = new(JweErrorCodes.DecryptionFailed, "The JWE authentication tag does not verify: the token was altered or is not encrypted to this key.");
            return false;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }

        result = new DecryptedJwe(header, contentEncryption, ephemeralKey, GetString(header, "kid"), plaintext);
        error = null;
        return true;
    }

    private static bool TryCheckHeader(
        JsonElement header,
        ECDiffieHellman recipientKey,
        JweDecryptionOptions options,
        [NotNullWhen(true)] out JweContentEncryption? contentEncryption,
        [NotNullWhen(true)] out PublicJwk? ephemeralKey,
        out byte[] partyUInfo,
        out byte[] partyVInfo,
        [NotNullWhen(false)] out VerificationError? error)
    {
        contentEncryption = null;
        ephemeralKey = null;
        partyUInfo = [];
        partyVInfo = [];
        var alg = GetString(header, "alg");
        if (!string.Equals(alg, Algorithm, StringComparison.Ordinal))
        {
            error = new(JweErrorCodes.AlgorithmNotAllowed, alg is null ? "The JWE 'alg' header is missing." : $"The JWE 'alg' '{Truncate(alg)}' is not accepted; only '{Algorithm}' (direct key agreement) is.");
            return false;
        }

        var enc = GetString(header, "enc");
        if (!JweContentEncryption.TryFromName(enc, out contentEncryption) || !options.AllowedContentEncryptions.Contains(contentEncryption))
        {
            contentEncryption = null;
            error = new(JweErrorCodes.EncryptionNotAllowed, enc is null ? "The JWE 'enc' header is missing." : $"The JWE 'enc' '{Truncate(enc)}' is not on the allow-list ({string.Join(", ", options.AllowedContentEncryptions)}).");
            return false;
        }

        foreach (var unsupported in (string[])["zip", "crit"])
        {
            if (header.TryGetProperty(unsupported, out _))
            {
                error = new(JweErrorCodes.UnsupportedHeader, $"The JWE header carries '{unsupported}', which this implementation does not support, so the token is rejected (RFC 7516 §4.1.3, §4.1.13).");
                return false;
            }
        }

        if (header.TryGetProperty("kid", out var kidElement) && kidElement.ValueKind != JsonValueKind.String)
        {
            error = new(JweErrorCodes.InvalidHeader, "The JWE 'kid' header is not a string.");
            return false;
        }

        if (options.ExpectedKeyId is { } expectedKid && !string.Equals(GetString(header, "kid"), expectedKid, StringComparison.Ordinal))
        {
            error = new(JweErrorCodes.KeyIdMismatch, $"The JWE 'kid' header must be '{expectedKid}', the kid of the recipient key (OpenID4VP 1.0 §8.3).");
            return false;
        }

        if (!header.TryGetProperty("epk", out var epkElement))
        {
            error = new(JweErrorCodes.InvalidEphemeralKey, "The JWE 'epk' header is missing (RFC 7518 §4.6.1.1).");
            return false;
        }

        if (!PublicJwk.TryParse(epkElement, out ephemeralKey, out var jwkError))
        {
            error = new(JweErrorCodes.InvalidEphemeralKey, $"The JWE 'epk' is not a valid public EC key: {jwkError.Message}");
            return false;
        }

        // The parse imported the point as an ECDSA key to validate it; the agreement imports it as ECDH, so the ECDSA import
        // is freed here rather than on the finalizer thread. The decrypted JWE keeps the JWK data.
        ephemeralKey.ReleaseImportedKey();

        var recipientCurve = recipientKey.ExportParameters(includePrivateParameters: false).Curve;
        if (ephemeralKey.Algorithm.Curve.Oid.Value != recipientCurve.Oid.Value)
        {
            error = new(JweErrorCodes.InvalidEphemeralKey, $"The JWE 'epk' is on {ephemeralKey.Curve}, not on the curve of the recipient key.");
            ephemeralKey = null;
            return false;
        }

        if (!TryGetBytes(header, "apu", out partyUInfo) || !TryGetBytes(header, "apv", out partyVInfo))
        {
            error = new(JweErrorCodes.InvalidHeader, "The JWE 'apu' or 'apv' header is not a base64url string (RFC 7518 §4.6.1.2, §4.6.1.3).");
            return false;
        }

        error = null;
        return true;
    }

    private static ECDiffieHellman ToDiffieHellman(PublicJwk key) =>
        ECDiffieHellman.Create(new ECParameters
        {
            Curve = key.Algorithm.Curve,
            Q = new ECPoint { X = key.X.ToArray(), Y = key.Y.ToArray() },
        });

    private static bool TryGetBytes(JsonElement header, string name, out byte[] value)
    {
        value = [];
        if (!header.TryGetProperty(name, out var element))
        {
            return true;
        }

        return element.ValueKind == JsonValueKind.String && Base64UrlStrict.TryDecode(element.GetString(), out value);
    }

    private static bool TryParseHeader(byte[] json, JweLimits limits, out JsonElement header, [NotNullWhen(false)] out VerificationError? error)
    {
        const string Message = "The JWE protected header is not a JSON object within the nesting limit, without repeated members.";
        if (!StrictJson.TryParseElement(json, limits.MaxHeaderDepth, allowDuplicateProperties: false, out header, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, JweErrorCodes.InvalidHeader, Message);
            return false;
        }

        error = header.ValueKind == JsonValueKind.Object ? null : new VerificationError(JweErrorCodes.InvalidHeader, Message);
        return error is null;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Header values come from the sender: bound what is echoed into messages.
    private static string Truncate(string value) => value.Length <= 32 ? value : string.Concat(value.AsSpan(0, 32), "…");
}
