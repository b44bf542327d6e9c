using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Wallet.Core.Trust;
using Wallet.Issuer.Options;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Authentication;

/// <summary>Configures the OpenID Connect handler of <see cref="UpstreamOpenIdConnectLogin"/> from <see cref="IssuerOptions.Upstream"/>.</summary>
internal sealed class UpstreamOpenIdConnectOptionsSetup(IOptions<IssuerOptions> issuerOptions, IssuerEndpoints endpoints, IServiceProvider services) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) => Configure(Microsoft.Extensions.Options.Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != UpstreamOpenIdConnectLogin.Scheme)
        {
            return;
        }

        var upstream = issuerOptions.Value.Upstream;
        options.CallbackPath = endpoints.BasePath + UpstreamOpenIdConnectLogin.CallbackPath;
        options.SignInScheme = UpstreamOpenIdConnectLogin.CookieScheme;
        if (!upstream.IsConfigured)
        {
            // Valid but inert: no discovery is fetched, and a request to the callback path is answered 404.
            options.ClientId = "unconfigured";
            options.Configuration = new OpenIdConnectConfiguration();
            options.Events.OnMessageReceived = context =>
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
            return;
        }

        options.Authority = upstream.Authority;
        options.ClientId = upstream.ClientId;
        options.ClientSecret = upstream.ClientSecret;
        options.RequireHttpsMetadata = upstream.RequireHttpsMetadata;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.MapInboundClaims = false;

        // The handler deletes acr from the identity by default; here it is the point of the sign-in.
        options.ClaimActions.Remove(UpstreamOpenIdConnectLogin.AcrClaim);
        options.GetClaimsFromUserInfoEndpoint = false;
        options.SaveTokens = false;
        options.BackchannelTimeout = TimeSpan.FromSeconds(15);
        options.Scope.Clear();
        foreach (var scope in upstream.Scopes)
        {
            options.Scope.Add(scope);
        }

        var acrValues = string.Join(' ', upstream.AcrLevels.Where(a => a.Level == LevelOfAssurance.High).Select(a => a.Acr));
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            // The callback URL derives from the Credential Issuer Identifier, not from request headers, as every other URL.
            context.ProtocolMessage.RedirectUri = endpoints.Origin + context.Options.CallbackPath;

            // OpenID Connect Core 1.0 Sec. 3.1.2.1: acr_values is a voluntary request; the acr in the ID token decides.
            context.ProtocolMessage.AcrValues = acrValues;
            return Task.CompletedTask;
        };
        options.Events.OnTokenValidated = context =>
        {
            var principal = UpstreamOpenIdConnectLogin.Minimise(context.Principal, upstream);
            if (principal is null)
            {
                context.Fail($"The ID token has no '{upstream.PersonIdClaim}' claim to identify the person.");
            }
            else
            {
                context.Principal = principal;
            }

            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = async context =>
        {
            context.HandleResponse();
            var login = services.GetRequiredService<UpstreamOpenIdConnectLogin>();
            await login.Failed(context.Failure).ExecuteAsync(context.HttpContext).ConfigureAwait(false);
        };
    }
}
