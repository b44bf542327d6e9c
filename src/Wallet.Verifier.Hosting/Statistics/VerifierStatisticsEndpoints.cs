using Wallet.Hosting.Statistics;

namespace Wallet.Verifier.Statistics;

/// <summary>The Verifier's statistics: the page <c>/statistics</c> and the export <c>/api/statistics(.csv)</c> in its OpenAPI document.</summary>
internal static class VerifierStatisticsEndpoints
{
    private static readonly StatisticsSource Source = new(
        "Verifier",
        StatisticsShape.Verifier,
        "cross.verifier",
        provider => provider.GetRequiredService<VerifierStatistics>().Options,
        (provider, from, to, cancellationToken) => provider.GetRequiredService<VerifierStatistics>().ReadAsync(from, to, cancellationToken));

    public static void Map(IEndpointRouteBuilder routes)
    {
        StatisticsEndpoints.MapPage(routes, "/statistics", Source);
        StatisticsEndpoints.MapApi(routes, "/api/statistics", Source);
    }
}
