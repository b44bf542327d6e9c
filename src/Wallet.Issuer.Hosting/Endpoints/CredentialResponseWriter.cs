using System.Text.Json.Nodes;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// Writes a successful Credential Response for the Credential and the Deferred Credential Endpoint alike (OpenID4VCI 1.0
/// §8.3, §9.2): 200 with <c>credentials</c> and <c>notification_id</c>, or 202 with <c>transaction_id</c> and
/// <c>interval</c>. One place, so what applies to every Credential Response (a fresh DPoP nonce, no-store, response
/// encryption) applies to both endpoints. When the request carried <c>credential_response_encryption</c>, the response
/// is a JWE (<c>application/jwt</c>) to the Wallet's key, whatever the content (§8.3, §10). Error responses never come
/// here: they are never encrypted (§8.3.1).
/// </summary>
internal static class CredentialResponseWriter
{
    public static IResult Write(HttpContext context, CredentialResponse response, DpopNonceService nonces)
    {
        context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
        var (body, status) = response.IsDeferred
            ? (new JsonObject { ["transaction_id"] = response.TransactionId, ["interval"] = response.Interval }, StatusCodes.Status202Accepted)
            : (new JsonObject
            {
                ["credentials"] = new JsonArray(response.Credentials.Select(c => (JsonNode)new JsonObject { ["credential"] = c }).ToArray()),
                ["notification_id"] = response.NotificationId,
            }, StatusCodes.Status200OK);

        if (response.Encryption is not { } encryption)
        {
            return HttpResults.Json(context, body, status);
        }

        HttpResults.NoStore(context);
        var jwe = encryption.Encrypt(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        return Results.Text(jwe, EncryptedCredentialMessage.MediaType, System.Text.Encoding.ASCII, status);
    }
}
