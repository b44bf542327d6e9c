using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// A Credential Offer (OpenID4VCI 1.0 §4.1.1): which Credential Issuer offers which Credential Configurations, and the
/// grants the Wallet may use to obtain them. Unknown members are ignored, as the spec requires of Wallets.
/// </summary>
public sealed record CredentialOffer
{
    /// <summary>The Credential Issuer Identifier.</summary>
    public required string CredentialIssuer { get; init; }

    /// <summary>Keys of the issuer's <c>credential_configurations_supported</c>; non-empty and unique.</summary>
    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>The authorization code grant, when offered.</summary>
    public AuthorizationCodeGrant? AuthorizationCode { get; init; }

    /// <summary>The pre-authorized code grant, when offered.</summary>
    public PreAuthorizedCodeGrant? PreAuthorizedCode { get; init; }

    /// <summary>Parses within <see cref="OpenId4VciLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out CredentialOffer? offer, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(json, OpenId4VciLimits.Default, out offer, out error);

    /// <summary>Parses an offer from its JSON text (by value, or the body fetched from <c>credential_offer_uri</c>).</summary>
    public static bool TryParse(string json, OpenId4VciLimits limits, [NotNullWhen(true)] out CredentialOffer? offer, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(limits);
        offer = null;
        if (!JsonInput.TryParseObject(json, limits.MaxOfferLength, limits.MaxDepth, out var root, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, OpenId4VciErrorCodes.OfferMalformed, $"The Credential Offer is not a JSON object without duplicate members within {limits.MaxOfferLength} bytes and {limits.MaxDepth} levels (§4.1.1).");
            return false;
        }

        return TryParse(root, limits, out offer, out error);
    }

    /// <summary>Parses within <see cref="OpenId4VciLimits.Default"/>; the overload that takes <c>limits</c> describes the checks.</summary>
    public static bool TryParse(JsonElement root, [NotNullWhen(true)] out CredentialOffer? offer, [NotNullWhen(false)] out VerificationError? error)
        => TryParse(root, OpenId4VciLimits.Default, out offer, out error);

    /// <summary>Parses an offer from a JSON object.</summary>
    public static bool TryParse(JsonElement root, OpenId4VciLimits limits, [NotNullWhen(true)] out CredentialOffer? offer, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        offer = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = new(OpenId4VciErrorCodes.OfferMalformed, "The Credential Offer is not a JSON object (§4.1.1).");
            return false;
        }

        var issuer = JsonInput.GetString(root, "credential_issuer");
        if (!JsonInput.IsIssuerIdentifier(issuer) || issuer!.Length > limits.MaxStringLength)
        {
            error = new(OpenId4VciErrorCodes.OfferIssuerInvalid, "'credential_issuer' must be an https URL without query or fragment (§4.1.1, §12.2.1).");
            return false;
        }

        if (!TryReadConfigurationIds(root, limits, out var ids, out error))
        {
            return false;
        }

        AuthorizationCodeGrant? authorizationCode = null;
        PreAuthorizedCodeGrant? preAuthorized = null;
        if (root.TryGetProperty("grants", out var grants))
        {
            if (grants.ValueKind != JsonValueKind.Object)
            {
                error = GrantError("'grants' is not a JSON object");
                return false;
            }

            if (grants.TryGetProperty(AuthorizationCodeGrant.GrantType, out var code) && !TryReadAuthorizationCode(code, limits, out authorizationCode, out error))
            {
                return false;
            }

            if (grants.TryGetProperty(PreAuthorizedCodeGrant.GrantType, out var pre) && !TryReadPreAuthorized(pre, limits, out preAuthorized, out error))
            {
                return false;
            }
        }

        offer = new CredentialOffer { CredentialIssuer = issuer, CredentialConfigurationIds = ids, AuthorizationCode = authorizationCode, PreAuthorizedCode = preAuthorized };
        error = null;
        return true;
    }

    /// <summary>The offer as a JSON object, as served at <c>credential_offer_uri</c> or embedded in <c>credential_offer</c>.</summary>
    public JsonObject ToJsonObject()
    {
        var json = new JsonObject
        {
            ["credential_issuer"] = CredentialIssuer,
            ["credential_configuration_ids"] = new JsonArray(CredentialConfigurationIds.Select(id => (JsonNode)id).ToArray()),
        };
        var grants = new JsonObject();
        if (AuthorizationCode is { } code)
        {
            var grant = new JsonObject();
            AddIfSet(grant, "issuer_state", code.IssuerState);
            AddIfSet(grant, "authorization_server", code.AuthorizationServer);
            grants[AuthorizationCodeGrant.GrantType] = grant;
        }

        if (PreAuthorizedCode is { } pre)
        {
            var grant = new JsonObject { ["pre-authorized_code"] = pre.PreAuthorizedCode };
            if (pre.TxCode is { } tx)
            {
                var txJson = new JsonObject { ["input_mode"] = tx.InputMode == TxCodeInputMode.Text ? "text" : "numeric" };
                if (tx.Length is { } length)
                {
                    txJson["length"] = length;
                }

                AddIfSet(txJson, "description", tx.Description);
                grant["tx_code"] = txJson;
            }

            AddIfSet(grant, "authorization_server", pre.AuthorizationServer);
            grants[PreAuthorizedCodeGrant.GrantType] = grant;
        }

        if (grants.Count > 0)
        {
            json["grants"] = grants;
        }

        return json;
    }

    /// <summary>The offer as compact JSON text.</summary>
    public string ToJson() => ToJsonObject().ToJsonString();

    private static bool TryReadConfigurationIds(JsonElement root, OpenId4VciLimits limits, out IReadOnlyList<string> ids, [NotNullWhen(false)] out VerificationError? error)
    {
        ids = [];
        if (!root.TryGetProperty("credential_configuration_ids", out var array) || array.ValueKind != JsonValueKind.Array
            || array.GetArrayLength() == 0 || array.GetArrayLength() > limits.MaxConfigurationIds)
        {
            error = new(OpenId4VciErrorCodes.OfferConfigurationIdsInvalid, $"'credential_configuration_ids' must be a non-empty array of at most {limits.MaxConfigurationIds} strings (§4.1.1).");
            return false;
        }

        var list = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            var id = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (string.IsNullOrEmpty(id) || id.Length > limits.MaxStringLength || list.Contains(id, StringComparer.Ordinal))
            {
                error = new(OpenId4VciErrorCodes.OfferConfigurationIdsInvalid, "'credential_configuration_ids' must hold unique, non-empty strings (§4.1.1).");
                return false;
            }

            list.Add(id);
        }

        ids = list;
        error = null;
        return true;
    }

    private static bool TryReadAuthorizationCode(JsonElement grant, OpenId4VciLimits limits, out AuthorizationCodeGrant? result, [NotNullWhen(false)] out VerificationError? error)
    {
        result = null;
        if (grant.ValueKind != JsonValueKind.Object
            || !JsonInput.TryGetOptionalString(grant, "issuer_state", limits.MaxStringLength, out var state)
            || !JsonInput.TryGetOptionalString(grant, "authorization_server", limits.MaxStringLength, out var server))
        {
            error = GrantError("the authorization_code grant must be an object whose 'issuer_state' and 'authorization_server' are strings");
            return false;
        }

        result = new AuthorizationCodeGrant(state, server);
        error = null;
        return true;
    }

    private static bool TryReadPreAuthorized(JsonElement grant, OpenId4VciLimits limits, out PreAuthorizedCodeGrant? result, [NotNullWhen(false)] out VerificationError? error)
    {
        result = null;
        var code = grant.ValueKind == JsonValueKind.Object ? JsonInput.GetString(grant, "pre-authorized_code") : null;
        if (string.IsNullOrEmpty(code) || code.Length > limits.MaxStringLength)
        {
            error = GrantError("the pre-authorized_code grant must carry a non-empty 'pre-authorized_code' string");
            return false;
        }

        if (!JsonInput.TryGetOptionalString(grant, "authorization_server", limits.MaxStringLength, out var server))
        {
            error = GrantError("'authorization_server' must be a string");
            return false;
        }

        TransactionCode? txCode = null;
        if (grant.TryGetProperty("tx_code", out var tx) && !TryReadTxCode(tx, out txCode, out error))
        {
            return false;
        }

        result = new PreAuthorizedCodeGrant(code, txCode, server);
        error = null;
        return true;
    }

    private static bool TryReadTxCode(JsonElement tx, out TransactionCode? result, [NotNullWhen(false)] out VerificationError? error)
    {
        result = null;
        if (tx.ValueKind != JsonValueKind.Object)
        {
            error = GrantError("'tx_code' must be an object");
            return false;
        }

        var mode = TxCodeInputMode.Numeric;
        if (tx.TryGetProperty("input_mode", out var modeElement))
        {
            switch (modeElement.ValueKind == JsonValueKind.String ? modeElement.GetString() : null)
            {
                case "numeric": mode = TxCodeInputMode.Numeric; break;
                case "text": mode = TxCodeInputMode.Text; break;
                default:
                    error = GrantError("'tx_code.input_mode' must be 'numeric' or 'text'");
                    return false;
            }
        }

        int? length = null;
        if (tx.TryGetProperty("length", out var lengthElement))
        {
            if (lengthElement.ValueKind != JsonValueKind.Number || !lengthElement.TryGetInt32(out var value) || value <= 0)
            {
                error = GrantError("'tx_code.length' must be a positive integer");
                return false;
            }

            length = value;
        }

        if (!JsonInput.TryGetOptionalString(tx, "description", TransactionCode.MaxDescriptionLength, out var description))
        {
            error = GrantError($"'tx_code.description' must be a string of at most {TransactionCode.MaxDescriptionLength} characters");
            return false;
        }

        result = new TransactionCode(mode, length, description);
        error = null;
        return true;
    }

    private static void AddIfSet(JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    private static VerificationError GrantError(string reason) => new(OpenId4VciErrorCodes.OfferGrantInvalid, $"Invalid grant in the Credential Offer: {reason} (§4.1.1).");
}
