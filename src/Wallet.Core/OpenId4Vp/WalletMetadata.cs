using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The Wallet's metadata as sent in <c>wallet_metadata</c> of a <c>request_uri</c> POST (OpenID4VP 1.0 §5.10, §10.1):
/// the formats it presents and the algorithms it accepts for the Request Object and the encrypted response. Members this
/// library does not use are ignored (§10.1: the Verifier MUST ignore unrecognized parameters).
/// </summary>
public sealed class WalletMetadata
{
    private readonly JsonObject _vpFormats;

    private WalletMetadata(JsonObject vpFormats, IReadOnlyList<string>? signingAlgs, IReadOnlyList<string>? encryptionAlgs, IReadOnlyList<string>? encryptionEncs)
    {
        _vpFormats = vpFormats;
        RequestObjectSigningAlgValuesSupported = signingAlgs;
        AuthorizationEncryptionAlgValuesSupported = encryptionAlgs;
        AuthorizationEncryptionEncValuesSupported = encryptionEncs;
    }

    /// <summary>A copy of <c>vp_formats_supported</c> (REQUIRED, §10.1): Credential Format Identifier to its format-specific parameters (an object each).</summary>
    public JsonObject VpFormatsSupported => (JsonObject)_vpFormats.DeepClone();

    /// <summary><c>request_object_signing_alg_values_supported</c> (§5.10, RFC 8414); null when not sent, meaning any.</summary>
    public IReadOnlyList<string>? RequestObjectSigningAlgValuesSupported { get; }

    /// <summary><c>authorization_encryption_alg_values_supported</c> (§5.10, JARM); null when not sent.</summary>
    public IReadOnlyList<string>? AuthorizationEncryptionAlgValuesSupported { get; }

    /// <summary><c>authorization_encryption_enc_values_supported</c> (§5.10, JARM); null when not sent.</summary>
    public IReadOnlyList<string>? AuthorizationEncryptionEncValuesSupported { get; }

    /// <summary>
    /// Reads <paramref name="json"/>: <c>vp_formats_supported</c> must be an object of objects; each algorithm list, when
    /// present, a non-empty array of strings. Any other shape is <see cref="OpenId4VpErrorCodes.WalletParameterInvalid"/>.
    /// </summary>
    public static bool TryParse(JsonObject json, [NotNullWhen(true)] out WalletMetadata? metadata, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        metadata = null;
        if (json["vp_formats_supported"] is not JsonObject formats || formats.Any(f => f.Value is not JsonObject))
        {
            error = new(OpenId4VpErrorCodes.WalletParameterInvalid, "wallet_metadata must carry vp_formats_supported, an object of format identifiers to objects (OpenID4VP 1.0 §10.1).");
            return false;
        }

        if (!TryStrings(json, "request_object_signing_alg_values_supported", out var signing, out error)
            || !TryStrings(json, "authorization_encryption_alg_values_supported", out var encryptionAlgs, out error)
            || !TryStrings(json, "authorization_encryption_enc_values_supported", out var encryptionEncs, out error))
        {
            return false;
        }

        metadata = new WalletMetadata((JsonObject)formats.DeepClone(), signing, encryptionAlgs, encryptionEncs);
        return true;
    }

    /// <summary>
    /// Whether the Wallet presents <paramref name="format"/> with an algorithm the Verifier accepts: the Wallet lists the
    /// format, and for every parameter both sides list as an array (e.g. <c>kb-jwt_alg_values</c>,
    /// <c>deviceauth_alg_values</c>) the two arrays share a value.
    /// </summary>
    public bool Supports(string format, JsonObject verifierParameters)
    {
        ArgumentNullException.ThrowIfNull(verifierParameters);
        if (_vpFormats[format] is not JsonObject wallet)
        {
            return false;
        }

        foreach (var (name, ours) in verifierParameters)
        {
            if (ours is JsonArray accepted && wallet[name] is JsonArray offered
                && !offered.Any(o => accepted.Any(a => JsonNode.DeepEquals(a, o))))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryStrings(JsonObject json, string name, out IReadOnlyList<string>? values, [NotNullWhen(false)] out VerificationError? error)
    {
        values = null;
        error = null;
        if (!json.TryGetPropertyValue(name, out var node) || node is null)
        {
            return true;
        }

        if (node is not JsonArray array || array.Count == 0 || array.Any(v => v is not JsonValue value || value.GetValueKind() != JsonValueKind.String))
        {
            error = new(OpenId4VpErrorCodes.WalletParameterInvalid, $"wallet_metadata {name} must be a non-empty array of strings (OpenID4VP 1.0 §5.10).");
            return false;
        }

        values = array.Select(v => v!.GetValue<string>()).ToArray();
        return true;
    }
}
