using Microsoft.Extensions.Options;
using Wallet.Hosting.RateLimiting;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Endpoints;

/// <summary>
/// The Verifier's abuse limits (<c>Verifier:RateLimits</c>): per client address on the request-object and response
/// endpoints, which wallets call without authentication; per relying party (its API key) on the relying-party API.
/// </summary>
internal static class VerifierRateLimits
{
    public const string Service = "Wallet.Verifier";

    public static void Add(IServiceCollection services) =>
        services.AddKeyedSingleton(Service, (provider, _) => new EndpointRateLimiter(provider.GetRequiredService<IOptions<VerifierOptions>>().Value.RateLimits));

    /// <summary>Per client address, answering with the OAuth error JSON.</summary>
    public static TBuilder PerClient<TBuilder>(this TBuilder builder, string endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitFilter(Service, endpoint, oauthError: true));

    /// <summary>Per relying party, after <see cref="ApiKeyFilter"/> has authenticated it; answering with problem details.</summary>
    public static TBuilder PerApiKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitFilter(Service, "relying-party-api", oauthError: false, context => ApiKeyFilter.RelyingParty(context).Id));
}
