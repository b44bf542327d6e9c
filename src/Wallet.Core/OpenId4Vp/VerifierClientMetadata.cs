using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The <c>client_metadata</c> request parameter (OpenID4VP 1.0 §5.1) as far as this library uses it: the response
/// encryption key from <c>jwks</c>, <c>encrypted_response_enc_values_supported</c> and <c>vp_formats_supported</c>.
/// </summary>
public sealed class VerifierClientMetadata
{
    private const int MaxKeys = 16;

    private readonly JsonObject _vpFormats;

    private VerifierClientMetadata(PublicJwk? encryptionKey, IReadOnlyList<JweContentEncryption> encValues, JsonObject vpFormats)
    {
        EncryptionKey = encryptionKey;
        EncryptedResponseEncValuesSupported = encValues;
        _vpFormats = vpFormats;
    }

    /// <summary>The ECDH-ES P-256 key the response must be encrypted to (its <see cref="PublicJwk.KeyId"/> is set); null when the metadata has none.</summary>
    public PublicJwk? EncryptionKey { get; }

    /// <summary>The accepted <c>enc</c> values; <c>A128GCM</c> alone when the parameter was absent (§5.1).</summary>
    public IReadOnlyList<JweContentEncryption> EncryptedResponseEncValuesSupported { get; }

    /// <summary>A copy of the <c>vp_formats_supported</c> object (§11.1).</summary>
    public JsonObject VpFormatsSupported => (JsonObject)_vpFormats.DeepClone();

    /// <summary>
    /// The metadata a HAIP Verifier publishes: the ephemeral key (when encrypting), both A128GCM and A256GCM (HAIP 1.0 §5),
    /// and <paramref name="vpFormatsSupported"/> (<see cref="DefaultVpFormatsSupported"/> when null).
    /// </summary>
    public static VerifierClientMetadata Create(VerifierEncryptionKey? encryptionKey, JsonObject? vpFormatsSupported = null)
    {
        var formats = (JsonObject)(vpFormatsSupported ?? DefaultVpFormatsSupported()).DeepClone();
        return new VerifierClientMetadata(encryptionKey?.PublicKey, JweContentEncryption.All, formats);
    }

    /// <summary>
    /// A copy announcing only <paramref name="encValues"/> as <c>encrypted_response_enc_values_supported</c>: those of this
    /// metadata the Wallet also supports (OpenID4VP 1.0 §5.10, <c>authorization_encryption_enc_values_supported</c>).
    /// </summary>
    public VerifierClientMetadata WithEncValues(IReadOnlyList<JweContentEncryption> encValues)
    {
        ArgumentNullException.ThrowIfNull(encValues);
        if (encValues.Count == 0 || encValues.Any(e => !EncryptedResponseEncValuesSupported.Contains(e)))
        {
            throw new ArgumentException("The enc values must be a non-empty subset of this metadata's.", nameof(encValues));
        }

        return new VerifierClientMetadata(EncryptionKey, encValues.ToArray(), _vpFormats);
    }

    /// <summary><c>dc+sd-jwt</c> with ES256 for the SD-JWT and KB-JWT, and <c>mso_mdoc</c> with COSE ES256 (-7) for IssuerAuth and DeviceAuth (OpenID4VP 1.0 B.2.2, B.3.4).</summary>
    public static JsonObject DefaultVpFormatsSupported() => new()
    {
        ["dc+sd-jwt"] = new JsonObject
        {
            ["sd-jwt_alg_values"] = new JsonArray("ES256"),
            ["kb-jwt_alg_values"] = new JsonArray("ES256"),
        },
        ["mso_mdoc"] = new JsonObject
        {
            ["issuerauth_alg_values"] = new JsonArray(-7),
            ["deviceauth_alg_values"] = new JsonArray(-7),
        },
    };

    /// <summary>The JSON object for the request, with the key in <c>jwks.keys</c> carrying <c>use</c> and <c>alg</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (EncryptionKey is not null)
        {
            var jwk = EncryptionKey.ToJsonObject();
            jwk["use"] = "enc";
            jwk["alg"] = EcdhEsJwe.Algorithm;
            json["jwks"] = new JsonObject { ["keys"] = new JsonArray(jwk) };
            json["encrypted_response_enc_values_supported"] = new JsonArray(EncryptedResponseEncValuesSupported.Select(e => (JsonNode)e.Name).ToArray());
        }

        json["vp_formats_supported"] = _vpFormats.DeepClone();
        return json;
    }

    /// <summary>
    /// Parses <c>client_metadata</c>. Unknown members are ignored (§5.1). With <paramref name="encryptionRequired"/>,
    /// <c>jwks</c> must hold a public EC P-256 key with <c>alg</c> <c>ECDH-ES</c>, <c>use</c> absent or <c>enc</c>, and a
    /// <c>kid</c>; every key must have a unique <c>kid</c>.
    /// </summary>
    public static bool TryParse(JsonElement json, bool encryptionRequired, [NotNullWhen(true)] out VerifierClientMetadata? metadata, [NotNullWhen(false)] out VerificationError? error)
    {
        metadata = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = Invalid("client_metadata is not a JSON object");
            return false;
        }

        PublicJwk? key = null;
        if (json.TryGetProperty("jwks", out var jwks))
        {
            if (!TrySelectKey(jwks, out key, out error))
            {
                return false;
            }
        }

        if (encryptionRequired && key is null)
        {
            error = Invalid("an encrypted response mode needs an EC P-256 key with alg 'ECDH-ES' and a kid in jwks (OpenID4VP 1.0 §8.3, HAIP 1.0 §5)");
            return false;
        }

        JweContentEncryption[] encValues = [JweContentEncryption.A128GCM];
        if (json.TryGetProperty("encrypted_response_enc_values_supported", out var enc))
        {
            if (enc.ValueKind != JsonValueKind.Array || enc.GetArrayLength() is 0 or > MaxKeys || enc.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                error = Invalid("encrypted_response_enc_values_supported is not a non-empty array of strings");
                return false;
            }

            // Values this library cannot use are skipped; at least one usable value must remain.
            encValues = enc.EnumerateArray()
                .Select(e => JweContentEncryption.TryFromName(e.GetString(), out var value) ? value : null)
                .OfType<JweContentEncryption>()
                .Distinct()
                .ToArray();
            if (encValues.Length == 0)
            {
                error = Invalid("encrypted_response_enc_values_supported lists neither A128GCM nor A256GCM");
                return false;
            }
        }

        if (!json.TryGetProperty("vp_formats_supported", out var formats) || formats.ValueKind != JsonValueKind.Object)
        {
            error = Invalid("vp_formats_supported is missing or not an object (OpenID4VP 1.0 §5.1, §11.1)");
            return false;
        }

        var formatsObject = StrictJson.ToNode(formats)!.AsObject();
        metadata = new VerifierClientMetadata(key, encValues, formatsObject);
        error = null;
        return true;
    }

    private static bool TrySelectKey(JsonElement jwks, out PublicJwk? key, [NotNullWhen(false)] out VerificationError? error)
    {
        key = null;
        if (jwks.ValueKind != JsonValueKind.Object || !jwks.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array || keys.GetArrayLength() is 0 or > MaxKeys)
        {
            error = Invalid($"jwks is not an object with a non-empty 'keys' array of at most {MaxKeys} keys");
            return false;
        }

        var kids = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var candidate in keys.EnumerateArray())
        {
            var kid = candidate.ValueKind == JsonValueKind.Object && candidate.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (string.IsNullOrEmpty(kid) || !kids.Add(kid))
            {
                error = Invalid($"jwks.keys[{index}] has no kid or repeats one; every key needs a unique kid (OpenID4VP 1.0 §5.1)");
                return false;
            }

            var alg = GetString(candidate, "alg");
            var use = GetString(candidate, "use");
            if (key is null && alg == EcdhEsJwe.Algorithm && (use is null || use == "enc") && GetString(candidate, "crv") == "P-256")
            {
                if (!PublicJwk.TryParse(candidate, out var parsed, out var jwkError))
                {
                    error = Invalid($"jwks.keys[{index}] is not a usable public key: {jwkError.Message}");
                    return false;
                }

                key = parsed;
            }

            index++;
        }

        error = null;
        return true;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static VerificationError Invalid(string reason) => new(OpenId4VpErrorCodes.ClientMetadataInvalid, $"Invalid client_metadata: {reason}.");
}
