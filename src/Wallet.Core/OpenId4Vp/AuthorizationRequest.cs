using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vp;

/// <summary>
/// The parameters of an OpenID4VP 1.0 authorization request as carried in a signed Request Object (§5, JAR), in the
/// shape HAIP 1.0 §5 allows: <c>response_type</c> <c>vp_token</c>, a direct_post response mode with a
/// <c>response_uri</c>, a DCQL query and <c>client_metadata</c>.
/// </summary>
public sealed record AuthorizationRequest
{
    /// <summary>The only <c>response_type</c> HAIP allows.</summary>
    public const string VpTokenResponseType = "vp_token";

    /// <summary>The Request Object <c>aud</c> under static discovery (§5.8).</summary>
    public const string StaticDiscoveryAudience = "https://self-issued.me/v2";

    /// <summary>The Verifier's Client Identifier, prefix included.</summary>
    public required ClientId ClientId { get; init; }

    /// <summary><see cref="ResponseModes.DirectPost"/> or <see cref="ResponseModes.DirectPostJwt"/>.</summary>
    public required string ResponseMode { get; init; }

    /// <summary>Where the Wallet POSTs the response (§8.2).</summary>
    public required Uri ResponseUri { get; init; }

    /// <summary>The fresh, single-use nonce the presentations must be bound to (§5.2, §14.1).</summary>
    public required string Nonce { get; init; }

    /// <summary>The <c>state</c>, returned unchanged in the response.</summary>
    public string? State { get; init; }

    /// <summary>The DCQL query (§6).</summary>
    public required DcqlQuery DcqlQuery { get; init; }

    /// <summary>The client metadata (§5.1).</summary>
    public required VerifierClientMetadata ClientMetadata { get; init; }

    /// <summary>The <c>transaction_data</c> entries (§5.1) the End-User is asked to authorize; empty when none.</summary>
    public IReadOnlyList<TransactionData> TransactionData { get; init; } = [];

    /// <summary>The <c>wallet_nonce</c> echoed from a <c>request_uri</c> POST (§5.10).</summary>
    public string? WalletNonce { get; init; }

    /// <summary>The Request Object <c>iat</c>.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The Request Object <c>exp</c>.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The Request Object payload.</summary>
    public JsonObject ToPayload()
    {
        var payload = new JsonObject
        {
            ["iss"] = ClientId.Value,
            ["aud"] = StaticDiscoveryAudience,
            ["client_id"] = ClientId.Value,
            ["response_type"] = VpTokenResponseType,
            ["response_mode"] = ResponseMode,
            ["response_uri"] = ResponseUri.AbsoluteUri,
            ["nonce"] = Nonce,
        };
        if (State is not null)
        {
            payload["state"] = State;
        }

        payload["dcql_query"] = StrictJson.ToNode(DcqlQuery.Json);
        payload["client_metadata"] = ClientMetadata.ToJson();
        if (TransactionData.Count > 0)
        {
            payload["transaction_data"] = new JsonArray([.. TransactionData.Select(t => JsonValue.Create(t.Encoded))]);
        }

        if (WalletNonce is not null)
        {
            payload["wallet_nonce"] = WalletNonce;
        }

        if (IssuedAt is { } iat)
        {
            payload["iat"] = iat.ToUnixTimeSeconds();
        }

        if (ExpiresAt is { } exp)
        {
            payload["exp"] = exp.ToUnixTimeSeconds();
        }

        return payload;
    }
}
