using Wallet.Verifier.Endpoints;

namespace Wallet.Verifier;

/// <summary>Maps the Verifier's endpoints.</summary>
public static class VerifierEndpointRouteBuilderExtensions
{
    /// <summary>Maps the relying-party API (<c>/api/presentations</c>), the wallet endpoints (<c>/oid4vp/…</c>), <c>/health</c> and the OpenAPI document (<c>/openapi/v1.json</c>).</summary>
    public static IEndpointRouteBuilder MapVerifier(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RelyingPartyEndpoints.Map(routes);
        WalletEndpoints.Map(routes);
        routes.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        routes.MapOpenApi();
        return routes;
    }
}
