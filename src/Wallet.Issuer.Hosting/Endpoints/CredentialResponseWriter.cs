using System.Text.Json.Nodes;
using Wallet.Core.OAuth;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// Writes a Credential Response for the Credential and the Deferred Credential Endpoint alike (OpenID4VCI 1.0 §8.3,
/// §9.2): 200 with <c>credentials</c> and <c>notification_id</c>, or 202 with <c>transaction_id</c> and <c>interval</c>.
/// One place, so what applies to every Credential Response (a fresh DPoP nonce, no-store, response encryption)
/// applies to both endpoints.
/// </summary>
internal static class CredentialResponseWriter
{
    public static IResult Write(HttpContext context, CredentialResponse response, DpopNonceService nonces)
    {
        context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
        if (response.IsDeferred)
        {
            return HttpResults.Json(context, new JsonObject { ["transaction_id"] = response.TransactionId, ["interval"] = response.Interval }, StatusCodes.Status202Accepted);
        }

        return HttpResults.Json(context, new JsonObject
        {
            ["credentials"] = new JsonArray(response.Credentials.Select(c => (JsonNode)new JsonObject { ["credential"] = c }).ToArray()),
            ["notification_id"] = response.NotificationId,
        });
    }
}
