using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Security;

namespace Wallet.Core.OAuth;

/// <summary>
/// OAuth 2.0 Attestation-Based Client Authentication (draft-ietf-oauth-attestation-based-client-auth-10), the Wallet
/// side: the Client Attestation JWT a wallet provider signs (§4) and the PoP JWT the wallet instance signs per request (§5.1).
/// </summary>
public static class ClientAttestation
{
    /// <summary>The Client Attestation JWT type (§4).</summary>
    public const string Type = "oauth-client-attestation+jwt";

    /// <summary>The Client Attestation PoP JWT type (§5.1).</summary>
    public const string PopType = "oauth-client-attestation-pop+jwt";

    /// <summary>The HTTP header carrying the Client Attestation (§4).</summary>
    public const string HeaderName = "OAuth-Client-Attestation";

    /// <summary>The HTTP header carrying the PoP (§5.1).</summary>
    public const string PopHeaderName = "OAuth-Client-Attestation-PoP";

    /// <summary>The <c>token_endpoint_auth_methods_supported</c> value of the PoP JWT mechanism (§7.6).</summary>
    public const string AuthenticationMethod = "attest_jwt_client_auth";

    /// <summary>
    /// Creates a Client Attestation signed by the wallet provider key, with its chain in <c>x5c</c> (HAIP 1.0 §4.4.1).
    /// </summary>
    /// <param name="walletProviderKey">The wallet provider's key with its certificate chain.</param>
    /// <param name="clientId">The <c>sub</c>: the client_id shared by all instances of the wallet.</param>
    /// <param name="instanceKey">The wallet instance's public key (<c>cnf.jwk</c>).</param>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="expiresAt">The <c>exp</c>.</param>
    /// <param name="issuer">The optional <c>iss</c> (the wallet provider).</param>
    public static string Create(SigningKey walletProviderKey, string clientId, PublicJwk instanceKey, DateTimeOffset issuedAt, DateTimeOffset expiresAt, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(walletProviderKey);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentNullException.ThrowIfNull(instanceKey);
        var payload = new JsonObject
        {
            ["sub"] = clientId,
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["cnf"] = new JsonObject { ["jwk"] = instanceKey.ToJsonObject() },
        };
        if (issuer is not null)
        {
            payload["iss"] = issuer;
        }

        return JwsWriter.Sign(walletProviderKey, Type, payload.ToJsonString(), includeCertificateChain: true);
    }

    /// <summary>Creates the PoP for one request, signed by the instance key (§5.1).</summary>
    /// <param name="instanceKey">The key in the attestation's <c>cnf</c>.</param>
    /// <param name="audience">The authorization server's issuer identifier.</param>
    /// <param name="issuedAt">The <c>iat</c>.</param>
    /// <param name="challenge">The server's challenge, when it provided one.</param>
    public static string CreatePop(SigningKey instanceKey, string audience, DateTimeOffset issuedAt, string? challenge = null)
    {
        ArgumentNullException.ThrowIfNull(instanceKey);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var payload = new JsonObject
        {
            ["aud"] = audience,
            ["jti"] = RandomHandle.Create(16),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
        };
        if (challenge is not null)
        {
            payload["challenge"] = challenge;
        }

        return JwsWriter.Sign(new SigningKey(instanceKey.Key), PopType, payload.ToJsonString());
    }
}
