using System.Text.Json.Nodes;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The token endpoint, the nonce endpoint and the credential endpoint: HTTP in, protocol handler, HTTP out.</summary>
internal static class TokenEndpoints
{
    private const int MaxCredentialRequestBytes = 512 * 1024;

    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/token", async (HttpContext context, TokenRequestHandler handler, DpopNonceService nonces, CancellationToken cancellationToken) =>
        {
            var request = await ReadFormRequestAsync(context, cancellationToken).ConfigureAwait(false);
            var (response, error) = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return HttpResults.Error(context, error, nonces);
            }

            context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
            var body = new JsonObject
            {
                ["access_token"] = response!.AccessToken,
                ["token_type"] = response.TokenType,
                ["expires_in"] = response.ExpiresIn,
            };
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
        }).DisableAntiforgery();

        routes.MapPost(endpoints.BasePath + "/nonce", async (HttpContext context, NonceHandler handler, DpopNonceService nonces, CancellationToken cancellationToken) =>
        {
            var nonce = await handler.IssueAsync(cancellationToken).ConfigureAwait(false);
            context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
            return HttpResults.Json(context, new JsonObject { ["c_nonce"] = nonce });
        });

        routes.MapPost(endpoints.BasePath + "/credential", async (HttpContext context, CredentialRequestHandler handler, DpopNonceService nonces, CancellationToken cancellationToken) =>
        {
            var body = await context.Request.ReadBoundedBodyAsync(MaxCredentialRequestBytes, cancellationToken).ConfigureAwait(false);
            if (body.IsTooLarge)
            {
                return HttpResults.Error(context, ProtocolError.Create(StatusCodes.Status413PayloadTooLarge, OpenId4VciErrors.InvalidCredentialRequest, $"The Credential Request exceeds {MaxCredentialRequestBytes} bytes."), nonces);
            }

            var isJson = context.Request.ContentType is { } type && type.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
            var request = new CredentialEndpointRequest(
                [.. context.Request.Headers.Authorization.Select(v => v ?? string.Empty)],
                [.. context.Request.Headers[DpopProof.HeaderName].Select(v => v ?? string.Empty)],
                isJson,
                body.Bytes);
            var (credentials, error) = await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return HttpResults.Error(context, error, nonces);
            }

            context.Response.Headers[DpopProof.NonceHeaderName] = nonces.Issue();
            return HttpResults.Json(context, new JsonObject
            {
                ["credentials"] = new JsonArray(credentials!.Select(c => (JsonNode)new JsonObject { ["credential"] = c }).ToArray()),
            });
        });
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
