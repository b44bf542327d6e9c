using Microsoft.Extensions.DependencyInjection.Extensions;
using Wallet.Core.OAuth;
using Wallet.Core.StatusList;
using Wallet.Issuer.Authentication;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Signing;
using Wallet.Issuer.Stores;

namespace Wallet.Issuer;

/// <summary>
/// Returned by <see cref="PidIssuerServiceCollectionExtensions.AddPidIssuer(IServiceCollection)"/>: configures the PID
/// issuer and replaces its parts (the authentic source, the signing keys, the user login, the stores) with the host's own.
/// Every <c>Use…</c> call replaces the embedded default it names, whenever it is called; what is not replaced keeps the
/// default. Options validation then no longer asks for the settings of a replaced default (see <c>specs/embedding.md</c>).
/// </summary>
public sealed class PidIssuerBuilder
{
    private readonly IssuerComposition _composition;

    internal PidIssuerBuilder(IServiceCollection services, IssuerComposition composition)
    {
        Services = services;
        _composition = composition;
    }

    /// <summary>The host's service collection, for registrations the builder has no method for.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a configuration step for <see cref="IssuerOptions"/>; steps run in the order they were added.</summary>
    public PidIssuerBuilder Configure(Action<IssuerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<IssuerOptions>().Configure(configure);
        return this;
    }

    /// <summary>
    /// Takes PID data from the host's authentic source (a population register) instead of the embedded SQLite register
    /// with synthetic persons. <typeparamref name="TRegister"/> is a singleton, also resolvable as itself.
    /// </summary>
    public PidIssuerBuilder UsePersonRegister<TRegister>()
        where TRegister : class, IAuthenticSource
    {
        Services.TryAddSingleton<TRegister>();
        return UsePersonRegister(provider => provider.GetRequiredService<TRegister>());
    }

    /// <summary>Takes PID data from the authentic source <paramref name="factory"/> creates (once, as a singleton).</summary>
    public PidIssuerBuilder UsePersonRegister(Func<IServiceProvider, IAuthenticSource> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Replace(factory);
        _composition.HostRegister = true;
        return this;
    }

    /// <summary>
    /// Signs credentials and status lists with the host's key provider (e.g. an HSM) instead of key files or generated
    /// development keys; <c>Issuer:Keys</c> and <c>Issuer:GenerateDevelopmentKeys</c> must then stay unset.
    /// <typeparamref name="TKeys"/> is a singleton, also resolvable as itself.
    /// </summary>
    public PidIssuerBuilder UseSigningKeys<TKeys>()
        where TKeys : class, IIssuerKeys
    {
        Services.TryAddSingleton<TKeys>();
        return UseSigningKeys(provider => provider.GetRequiredService<TKeys>());
    }

    /// <summary>Signs with <paramref name="keys"/>, which the host owns and disposes.</summary>
    public PidIssuerBuilder UseSigningKeys(IIssuerKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return UseSigningKeys(_ => keys);
    }

    /// <summary>Signs with the keys <paramref name="factory"/> creates (once, as a singleton).</summary>
    public PidIssuerBuilder UseSigningKeys(Func<IServiceProvider, IIssuerKeys> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Replace(factory);
        _composition.HostKeys = true;
        return this;
    }

    /// <summary>
    /// Authenticates users with the host's own login instead of the development login or an upstream OpenID Connect
    /// provider; <c>Issuer:EnableDevelopmentLogin</c> and <c>Issuer:Upstream</c> must then stay unset. The login ends by
    /// calling <see cref="IAuthorizationCompletion.CompleteAsync"/>. <typeparamref name="TLogin"/> is a singleton, also
    /// resolvable as itself, so the host's own endpoints can use it.
    /// </summary>
    public PidIssuerBuilder UseLogin<TLogin>()
        where TLogin : class, IUserAuthentication
    {
        Services.TryAddSingleton<TLogin>();
        return UseLogin(provider => provider.GetRequiredService<TLogin>());
    }

    /// <summary>Authenticates users with the login <paramref name="factory"/> creates (once, as a singleton).</summary>
    public PidIssuerBuilder UseLogin(Func<IServiceProvider, IUserAuthentication> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Replace(factory);
        _composition.HostLogin = true;
        return this;
    }

    /// <summary>
    /// Keeps all the issuer's state in the host's stores instead of the SQLite database under <c>Issuer:DataDirectory</c>.
    /// All stores at once (<see cref="IIssuerStores"/> says why). <typeparamref name="TStores"/> is a singleton, also
    /// resolvable as itself.
    /// </summary>
    public PidIssuerBuilder UseStores<TStores>()
        where TStores : class, IIssuerStores
    {
        Services.TryAddSingleton<TStores>();
        return UseStores(provider => provider.GetRequiredService<TStores>());
    }

    /// <summary>Keeps the issuer's state in the stores <paramref name="factory"/> creates (once, as a singleton).</summary>
    public PidIssuerBuilder UseStores(Func<IServiceProvider, IIssuerStores> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Replace(factory);
        Replace<IOfferStore>(provider => provider.GetRequiredService<IIssuerStores>().Offers);
        Replace<IPushedAuthorizationRequestStore>(provider => provider.GetRequiredService<IIssuerStores>().PushedAuthorizationRequests);
        Replace<IAuthorizationCodeStore>(provider => provider.GetRequiredService<IIssuerStores>().AuthorizationCodes);
        Replace<IAccessTokenStore>(provider => provider.GetRequiredService<IIssuerStores>().AccessTokens);
        Replace<IRefreshTokenStore>(provider => provider.GetRequiredService<IIssuerStores>().RefreshTokens);
        Replace<INonceStore>(provider => provider.GetRequiredService<IIssuerStores>().Nonces);
        Replace<IDpopReplayCache>(provider => provider.GetRequiredService<IIssuerStores>().DpopReplayCache);
        Replace<IIssuedCredentialStore>(provider => provider.GetRequiredService<IIssuerStores>().IssuedCredentials);
        Replace<IDeferredIssuanceStore>(provider => provider.GetRequiredService<IIssuerStores>().DeferredIssuances);
        Replace<IStatusListStore>(provider => provider.GetRequiredService<IIssuerStores>().StatusLists);
        Replace<IExpiredStateSweeper>(provider => provider.GetRequiredService<IIssuerStores>().ExpiredStateSweeper);
        Replace<IAuditTrail>(provider => provider.GetRequiredService<IIssuerStores>().AuditTrail);
        _composition.HostStores = true;
        return this;
    }

    // RemoveAll rather than TryAdd ordering: a Use… call wins whether it comes before or after other registrations.
    private void Replace<TService>(Func<IServiceProvider, TService> factory)
        where TService : class
    {
        Services.RemoveAll<TService>();
        Services.AddSingleton(factory);
    }
}
