using System.Text.Json.Nodes;
using Wallet.Core.OAuth;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The token endpoint (RFC 6749 §3.2, OpenID4VCI 1.0 §6): HTTP in, <see cref="TokenRequestHandler"/>, HTTP out.</summary>
internal static class TokenEndpoint
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/token", async (HttpContext context, TokenRequestHandler handler, DpopNonceService nonces, Statistics.IssuerMetrics metrics, CancellationToken cancellationToken) =>
        {
            var request = await ReadFormRequestAsync(context, cancellationToken).ConfigureAwait(false);
            var (response, error) = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                metrics.TokenError(error.Error);
                return HttpResults.Error(context, error, nonces);
            }

            context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
            var body = new JsonObject
            {
                ["access_token"] = response!.AccessToken,
                ["token_type"] = response.TokenType,
                ["expires_in"] = response.ExpiresIn,
            };
            if (response.RefreshToken is { } refreshToken)
            {
                body["refresh_token"] = refreshToken;
            }

            if (response.CredentialIdentifiers is { } identifiers)
            {
                body["authorization_details"] = new JsonArray(identifiers.Select(id => (JsonNode)new JsonObject
                {
                    ["type"] = AuthorizationRequest.OpenIdCredentialType,
                    ["credential_configuration_id"] = id,
                    ["credential_identifiers"] = new JsonArray(id),
                }).ToArray());
            }

            return HttpResults.Json(context, body);
        }).DisableAntiforgery().PerClient("token");
    }

    /// <summary>Reads a form-encoded request with its DPoP and client attestation headers; a malformed form counts as not a form.</summary>
    public static async Task<OAuthFormRequest> ReadFormRequestAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var form = await RequestParameters.ReadFormAsync(context.Request, cancellationToken).ConfigureAwait(false);
        return new OAuthFormRequest(
            form?.All ?? new Dictionary<string, string[]>(StringComparer.Ordinal),
            form is not null,
            [.. context.Request.Headers[DpopProof.HeaderName].Select(v => v ?? string.Empty)],
            [.. context.Request.Headers[ClientAttestation.HeaderName].Select(v => v ?? string.Empty)],
            [.. context.Request.Headers[ClientAttestation.PopHeaderName].Select(v => v ?? string.Empty)]);
    }
}
