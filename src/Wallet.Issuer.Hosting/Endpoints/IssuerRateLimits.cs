using Microsoft.Extensions.Options;
using Wallet.Hosting.RateLimiting;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// The issuer's abuse limits (<c>Issuer:RateLimits</c>): per client address on <c>/par</c>, <c>/nonce</c>, <c>/token</c>
/// and the offer fetch, which create state without authentication; per API key on the agency API.
/// </summary>
internal static class IssuerRateLimits
{
    public const string Service = "Wallet.Issuer";

    public static void Add(IServiceCollection services) =>
        services.AddKeyedSingleton(Service, (provider, _) => new EndpointRateLimiter(provider.GetRequiredService<IOptions<IssuerOptions>>().Value.RateLimits));

    /// <summary>Per client address, answering with the OAuth error JSON.</summary>
    public static TBuilder PerClient<TBuilder>(this TBuilder builder, string endpoint, bool oauthError = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitFilter(Service, endpoint, oauthError));

    /// <summary>Per agency API key (its configured name), answering with problem details.</summary>
    public static TBuilder PerApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitFilter(Service, "agency-api", oauthError: false, context => AgencyApiEndpoints.AuthorizedKey(context, context.RequestServices.GetRequiredService<IOptions<IssuerOptions>>().Value)));
}
