using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The <c>credential_request_encryption</c> Credential Issuer Metadata parameter (OpenID4VCI 1.0 §12.2.4): the keys a
/// Wallet encrypts Credential Requests to (§10), the <c>enc</c> values the Credential Endpoint decrypts, and whether
/// requests must be encrypted. Only direct <c>ECDH-ES</c> key agreement with AES-GCM is offered (the HAIP 1.0 §5 suite);
/// no compression, so <c>zip_values_supported</c> is never written.
/// </summary>
public sealed record CredentialRequestEncryptionMetadata
{
    /// <summary>The public keys (<c>jwks</c>), each with a unique <c>kid</c> (§12.2.4).</summary>
    public required IReadOnlyList<PublicJwk> Keys { get; init; }

    /// <summary>The <c>enc_values_supported</c>, non-empty.</summary>
    public required IReadOnlyList<JweContentEncryption> ContentEncryptions { get; init; }

    /// <summary>The <c>encryption_required</c> flag: when true every Credential Request must be encrypted.</summary>
    public bool EncryptionRequired { get; init; }

    /// <summary>The metadata object; every key is written with <c>use</c> <c>enc</c> and <c>alg</c> <c>ECDH-ES</c>, as §10 requires <c>alg</c> on the chosen key.</summary>
    public JsonObject ToJsonObject() => new()
    {
        ["jwks"] = new JsonObject
        {
            ["keys"] = new JsonArray(Keys.Select(k =>
            {
                var jwk = k.ToJsonObject();
                jwk["use"] = "enc";
                jwk["alg"] = EcdhEsJwe.Algorithm;
                return (JsonNode)jwk;
            }).ToArray()),
        },
        ["enc_values_supported"] = new JsonArray(ContentEncryptions.Select(e => (JsonNode)e.Name).ToArray()),
        ["encryption_required"] = EncryptionRequired,
    };

    /// <summary>
    /// Reads the parameter. Keys whose <c>alg</c> is not <c>ECDH-ES</c>, whose <c>use</c> is not <c>enc</c> or that are
    /// not EC public keys are skipped (a Wallet uses only what it can), and so are unknown <c>enc</c> values; a key without
    /// <c>kid</c>, a repeated <c>kid</c> or a missing <c>encryption_required</c> make the metadata invalid.
    /// </summary>
    internal static bool TryParse(JsonElement element, [NotNullWhen(true)] out CredentialRequestEncryptionMetadata? metadata, [NotNullWhen(false)] out string? reason)
    {
        metadata = null;
        // A JWK Set is {"keys": [...]} (RFC 7517 §5); the 1.0 example showed a bare array until errata (openid/OpenID4VCI
        // #711), so a Wallet also reads that form.
        var keys = default(JsonElement);
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("jwks", out var jwks)
            || !(jwks.ValueKind == JsonValueKind.Array ? (keys = jwks).ValueKind == JsonValueKind.Array
                : jwks.ValueKind == JsonValueKind.Object && jwks.TryGetProperty("keys", out keys) && keys.ValueKind == JsonValueKind.Array)
            || keys.GetArrayLength() == 0)
        {
            reason = "'credential_request_encryption.jwks' must be a JWK Set with at least one key";
            return false;
        }

        if (!TryGetRequired(element, out var required))
        {
            reason = "'credential_request_encryption.encryption_required' must be a boolean";
            return false;
        }

        var usable = new List<PublicJwk>();
        var kids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.EnumerateArray())
        {
            var kid = key.ValueKind == JsonValueKind.Object && key.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (string.IsNullOrEmpty(kid) || !kids.Add(kid))
            {
                reason = "every key of 'credential_request_encryption.jwks' must have a unique 'kid'";
                return false;
            }

            if (JsonInput.GetString(key, "alg") == EcdhEsJwe.Algorithm
                && JsonInput.GetString(key, "use") is null or "enc"
                && PublicJwk.TryParse(key, out var jwk, out _))
            {
                usable.Add(jwk);
            }
        }

        if (!TryGetEncs(element, out var encs))
        {
            reason = "'credential_request_encryption.enc_values_supported' must be a non-empty array of strings";
            return false;
        }

        metadata = new CredentialRequestEncryptionMetadata { Keys = usable, ContentEncryptions = encs, EncryptionRequired = required };
        reason = null;
        return true;
    }

    internal static bool TryGetRequired(JsonElement element, out bool required)
    {
        required = false;
        if (!element.TryGetProperty("encryption_required", out var value) || value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }

        required = value.GetBoolean();
        return true;
    }

    internal static bool TryGetEncs(JsonElement element, out IReadOnlyList<JweContentEncryption> encs)
    {
        var list = new List<JweContentEncryption>();
        encs = list;
        if (!element.TryGetProperty("enc_values_supported", out var array) || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
        {
            return false;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            if (JweContentEncryption.TryFromName(item.GetString(), out var enc))
            {
                list.Add(enc);
            }
        }

        return true;
    }
}
