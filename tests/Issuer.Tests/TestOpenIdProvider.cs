using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Wallet.Issuer.Tests;

/// <summary>
/// A real OpenID Connect provider (OpenIddict server, degraded mode: no database) on Kestrel at 127.0.0.1 with a free
/// port, standing in for a national eID login. Its authorization endpoint signs in <see cref="NextSubject"/> at once
/// with <see cref="NextAcr"/> in the ID token, as an eID login would after the user authenticated.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncLifetime
{
    public const string ClientId = "pid-issuer";
    public const string ClientSecret = "pid-issuer-secret";
    public const string AcrHigh = "http://eidas.europa.eu/LoA/high";
    public const string AcrSubstantial = "http://eidas.europa.eu/LoA/substantial";

    private WebApplication? _app;

    public Uri Authority { get; private set; } = null!;

    public string NextSubject { get; set; } = "kari-nordmann";

    public string? NextAcr { get; set; } = AcrHigh;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.EnableDegradedMode();
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.DisableAccessTokenEncryption();
            server.UseAspNetCore().DisableTransportSecurityRequirement().EnableAuthorizationEndpointPassthrough();

            // Degraded mode has no client store: the client and its secret are checked here.
            server.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client.");
                }

                return default;
            }));
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (context.ClientId != ClientId || context.Request.ClientSecret != ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Client authentication failed.");
                }

                return default;
            }));
        });

        _app = builder.Build();
        _app.MapGet("/connect/authorize", (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, NextSubject);
            if (NextAcr is not null)
            {
                identity.SetClaim("acr", NextAcr);
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await _app.StartAsync();
        Authority = new Uri(_app.Urls.Single() + "/");
    }

    /// <summary>Stops the provider: it is then down for the issuer.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>Issuer settings that use this provider, mapping its eIDAS acr values to levels.</summary>
    public Dictionary<string, string?> IssuerSettings() => new()
    {
        ["Issuer:Upstream:Authority"] = Authority.AbsoluteUri,
        ["Issuer:Upstream:ClientId"] = ClientId,
        ["Issuer:Upstream:ClientSecret"] = ClientSecret,
        ["Issuer:Upstream:RequireHttpsMetadata"] = "false",
        ["Issuer:Upstream:AcrLevels:0:Acr"] = AcrHigh,
        ["Issuer:Upstream:AcrLevels:0:Level"] = "High",
        ["Issuer:Upstream:AcrLevels:1:Acr"] = AcrSubstantial,
        ["Issuer:Upstream:AcrLevels:1:Level"] = "Substantial",
    };
}
