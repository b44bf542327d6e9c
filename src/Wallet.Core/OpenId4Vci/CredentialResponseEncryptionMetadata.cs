using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The <c>credential_response_encryption</c> Credential Issuer Metadata parameter (OpenID4VCI 1.0 §12.2.4): the JWE
/// <c>alg</c> and <c>enc</c> values the Credential Endpoint encrypts responses with, and whether a Wallet must ask for
/// encrypted responses. This implementation offers <c>ECDH-ES</c> with A128GCM and A256GCM (HAIP 1.0 §5) and no <c>zip</c>.
/// </summary>
public sealed record CredentialResponseEncryptionMetadata
{
    /// <summary>The <c>alg_values_supported</c>; values other than <c>ECDH-ES</c> read from a document are kept as strings.</summary>
    public IReadOnlyList<string> Algorithms { get; init; } = [EcdhEsJwe.Algorithm];

    /// <summary>The <c>enc_values_supported</c>, non-empty.</summary>
    public required IReadOnlyList<JweContentEncryption> ContentEncryptions { get; init; }

    /// <summary>The <c>encryption_required</c> flag: when true every Credential Request must carry <c>credential_response_encryption</c>.</summary>
    public bool EncryptionRequired { get; init; }

    /// <summary>True when <c>ECDH-ES</c> (direct key agreement, the only algorithm this library implements) is offered.</summary>
    public bool OffersEcdhEs => Algorithms.Contains(EcdhEsJwe.Algorithm, StringComparer.Ordinal);

    /// <summary>The metadata object.</summary>
    public JsonObject ToJsonObject() => new()
    {
        ["alg_values_supported"] = new JsonArray(Algorithms.Select(a => (JsonNode)a).ToArray()),
        ["enc_values_supported"] = new JsonArray(ContentEncryptions.Select(e => (JsonNode)e.Name).ToArray()),
        ["encryption_required"] = EncryptionRequired,
    };

    /// <summary>Reads the parameter; unknown <c>enc</c> values are skipped, missing members make it invalid.</summary>
    internal static bool TryParse(JsonElement element, [NotNullWhen(true)] out CredentialResponseEncryptionMetadata? metadata, [NotNullWhen(false)] out string? reason)
    {
        metadata = null;
        var algorithms = new List<string>();
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("alg_values_supported", out var algs) || algs.ValueKind != JsonValueKind.Array || algs.GetArrayLength() == 0
            || algs.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
        {
            reason = "'credential_response_encryption.alg_values_supported' must be a non-empty array of strings";
            return false;
        }

        algorithms.AddRange(algs.EnumerateArray().Select(a => a.GetString()!));
        if (!CredentialRequestEncryptionMetadata.TryGetEncs(element, out var encs))
        {
            reason = "'credential_response_encryption.enc_values_supported' must be a non-empty array of strings";
            return false;
        }

        if (!CredentialRequestEncryptionMetadata.TryGetRequired(element, out var required))
        {
            reason = "'credential_response_encryption.encryption_required' must be a boolean";
            return false;
        }

        metadata = new CredentialResponseEncryptionMetadata { Algorithms = algorithms, ContentEncryptions = encs, EncryptionRequired = required };
        reason = null;
        return true;
    }
}
