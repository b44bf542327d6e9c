using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wallet.Core.Verification;

/// <summary>Registers <see cref="CredentialVerifiers"/> in a service collection.</summary>
public static class CredentialVerificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="CredentialVerifiers"/> (a singleton, built on first use) and its
    /// <see cref="CredentialVerifiers.SdJwtVc"/> and <see cref="CredentialVerifiers.Mdoc"/> verifiers. The clock is the
    /// container's <see cref="TimeProvider"/> when one is registered, the system clock otherwise. A registration made
    /// earlier is kept.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="options">Builds the policy from the container (for example from the host's own options or <see cref="Trust.ITrustAnchorSource"/>).</param>
    /// <param name="statusListClient">
    /// Gives the <see cref="HttpClient"/> that fetches Status List Tokens (for example from <c>IHttpClientFactory</c>);
    /// when null, status lists are not fetched and only <see cref="CredentialVerificationOptions.StatusChecker"/> checks status.
    /// </param>
    public static IServiceCollection AddCredentialVerification(
        this IServiceCollection services,
        Func<IServiceProvider, CredentialVerificationOptions> options,
        Func<IServiceProvider, HttpClient>? statusListClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(provider => CredentialVerifiers.Create(
            options(provider),
            statusListClient?.Invoke(provider),
            provider.GetService<TimeProvider>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<CredentialVerifiers>().SdJwtVc);
        services.TryAddSingleton(provider => provider.GetRequiredService<CredentialVerifiers>().Mdoc);
        return services;
    }

    /// <summary>Registers <see cref="CredentialVerifiers"/> built from a fixed policy; see the overload taking a factory.</summary>
    public static IServiceCollection AddCredentialVerification(this IServiceCollection services, CredentialVerificationOptions options, Func<IServiceProvider, HttpClient>? statusListClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddCredentialVerification(_ => options, statusListClient);
    }
}
