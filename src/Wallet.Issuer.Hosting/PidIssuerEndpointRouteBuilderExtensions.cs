using Wallet.Hosting.Health;
using Wallet.Issuer.Endpoints;
using Wallet.Issuer.Pages;
using Wallet.Issuer.Protocol;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer;

/// <summary>Maps the PID issuer's endpoints under the path of the Credential Issuer Identifier.</summary>
public static class PidIssuerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps discovery (<c>/.well-known/…</c>), <c>/par</c>, <c>/authorize</c>, <c>/token</c>, <c>/nonce</c>, <c>/credential</c>,
    /// <c>/credential-offers/{id}</c>, the offer page <c>/offers/{id}</c>, <c>/status-lists/{id}</c>, <c>/jwks</c>, the agency API <c>/api/offers</c>, and the probes <c>/health/live</c> and
    /// <c>/health/ready</c> (database reachable, signing keys usable).
    /// </summary>
    public static IEndpointRouteBuilder MapPidIssuer(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var endpoints = routes.ServiceProvider.GetRequiredService<IssuerEndpoints>();

        // Keys are loaded (or, in development, generated) now rather than on first use: a bad key fails the start,
        // and the development root exists before a verifier is pointed at it.
        _ = routes.ServiceProvider.GetRequiredService<IIssuerKeys>();
        MetadataEndpoints.Map(routes, endpoints);
        TokenEndpoint.Map(routes, endpoints);
        NonceEndpoint.Map(routes, endpoints);
        CredentialEndpoint.Map(routes, endpoints);
        DeferredCredentialEndpoint.Map(routes, endpoints);
        NotificationEndpoint.Map(routes, endpoints);
        AuthorizationEndpoints.Map(routes, endpoints);
        // The agency API is one OpenAPI group: selecting it by path prefix would miss it under a base path and pick up
        // a co-hosted Verifier's /api routes.
        var agencyApi = routes.MapGroup(string.Empty).WithGroupName(AgencyApiEndpoints.OpenApiDocument);
        AgencyApiEndpoints.Map(agencyApi.MapGroup(string.Empty).PerApiKey(), endpoints);
        Representation.RepresentationEndpoints.Map(agencyApi.MapGroup(string.Empty).PerApiKey(), agencyApi, endpoints);
        Statistics.IssuerStatisticsEndpoints.Map(routes, agencyApi, endpoints);
        CredentialOfferEndpoints.Map(routes, endpoints);
        StatusListEndpoint.Map(routes, endpoints);
        TypeMetadataEndpoint.Map(routes, endpoints);
        HelpPage.Map(routes, endpoints);
        HealthEndpoints.Map(routes, endpoints.BasePath);
        routes.MapOpenApi(endpoints.BasePath + "/api/openapi/{documentName}.json");
        return routes;
    }
}
