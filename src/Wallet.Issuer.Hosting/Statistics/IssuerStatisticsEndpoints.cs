using Microsoft.Extensions.Options;
using Wallet.Hosting.Statistics;
using Wallet.Issuer.Options;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Statistics;

/// <summary>The issuer's statistics: the page <c>{base}/statistics</c> and the export <c>{base}/api/statistics(.csv)</c> in the agency OpenAPI document.</summary>
internal static class IssuerStatisticsEndpoints
{
    private static readonly StatisticsSource Source = new(
        "PID Issuer",
        StatisticsShape.Issuer,
        "cross.issuer",
        provider => provider.GetRequiredService<IOptions<IssuerOptions>>().Value.Statistics,
        (provider, from, to, cancellationToken) => provider.GetRequiredService<IssuerStatistics>().ReadAsync(from, to, cancellationToken));

    public static void Map(IEndpointRouteBuilder routes, IEndpointRouteBuilder agencyApi, IssuerEndpoints endpoints)
    {
        StatisticsEndpoints.MapPage(routes, endpoints.BasePath + "/statistics", Source);
        StatisticsEndpoints.MapApi(agencyApi, endpoints.BasePath + "/api/statistics", Source);
    }
}
