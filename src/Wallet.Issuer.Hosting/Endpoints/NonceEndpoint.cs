using System.Text.Json.Nodes;
using Wallet.Core.OAuth;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The Nonce Endpoint (OpenID4VCI 1.0 §7): a fresh <c>c_nonce</c> for key proofs, and a DPoP nonce with it.</summary>
internal static class NonceEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/nonce", async (HttpContext context, NonceHandler handler, DpopNonceService nonces, CancellationToken cancellationToken) =>
        {
            var nonce = await handler.IssueAsync(cancellationToken).ConfigureAwait(false);
            context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
            return HttpResults.Json(context, new JsonObject { ["c_nonce"] = nonce });
        }).PerClient("nonce");
    }
}
