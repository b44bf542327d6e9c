using Microsoft.Extensions.Options;
using Wallet.Hosting.Health;
using Wallet.Verifier.AgeChecks;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Options;
using Wallet.Verifier.Page;

namespace Wallet.Verifier;

/// <summary>Maps the Verifier's endpoints.</summary>
public static class VerifierEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the relying-party API (<c>/api/presentations</c>, the age gate <c>/api/age-checks</c>), the wallet endpoints
    /// (<c>/oid4vp/…</c>), the statistics (<c>/statistics</c>, <c>/api/statistics</c>), <c>/health</c>, the probes
    /// <c>/health/live</c> and <c>/health/ready</c> (database reachable, request-signing key usable), the
    /// OpenAPI document (<c>/openapi/v1.json</c>) and, when <c>Verifier:DemoPage:Enabled</c>, the relying-party page
    /// (<c>/rp</c>, with <c>/</c> redirecting to it).
    /// </summary>
    public static IEndpointRouteBuilder MapVerifier(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        RelyingPartyEndpoints.Map(routes);
        AgeCheckEndpoints.Map(routes);
        Representation.RepresentationCheckEndpoints.Map(routes);
        WalletEndpoints.Map(routes);
        var options = routes.ServiceProvider.GetRequiredService<IOptions<VerifierOptions>>().Value;
        if (options.DemoPage.Enabled)
        {
            DemoPageEndpoints.Map(routes, options);
        }

        Statistics.VerifierStatisticsEndpoints.Map(routes);
        routes.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        HealthEndpoints.Map(routes, string.Empty);
        routes.MapOpenApi();
        return routes;
    }
}
