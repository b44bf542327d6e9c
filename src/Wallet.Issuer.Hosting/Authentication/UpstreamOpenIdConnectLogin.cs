using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pages;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Authentication;

/// <summary>
/// User authentication at an upstream OpenID Connect provider through ASP.NET Core's OpenID Connect handler
/// (scheme <see cref="Scheme"/>): the authorization endpoint challenges, the handler runs the code flow with PKCE
/// and validates the ID token, keeps only the person claim and <c>acr</c> in a short-lived cookie
/// (<see cref="CookieScheme"/>), and <c>/authorize/upstream/complete</c> turns them into an <see cref="AuthenticatedUser"/>.
/// </summary>
internal sealed partial class UpstreamOpenIdConnectLogin(IssuerEndpoints endpoints, IOptions<IssuerOptions> options, ILogger<UpstreamOpenIdConnectLogin> logger) : IUserAuthentication
{
    public const string Scheme = "Issuer.Upstream";
    public const string CookieScheme = "Issuer.Upstream.Session";
    public const string PersonClaim = "issuer.person_id";
    public const string AcrClaim = "acr";
    public const string CallbackPath = "/authorize/upstream/callback";
    public const string CompletePath = "/authorize/upstream/complete";
    private const string RequestUriItem = "issuer.request_uri";

    public async Task<IResult> BeginAsync(HttpContext context, string requestUri, CancellationToken cancellationToken)
    {
        // The pushed request travels in the handler's protected state and then in the cookie, never in a URL the
        // browser could swap.
        var properties = new AuthenticationProperties { RedirectUri = endpoints.BasePath + CompletePath };
        properties.Items[RequestUriItem] = requestUri;
        try
        {
            await context.ChallengeAsync(Scheme, properties).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            // The handler reads the provider's discovery document first; when the provider is down it throws before
            // writing anything. The pushed request stays live, so the user can try again.
            LogProviderUnavailable(logger, e);
            return Unavailable();
        }

        return Results.Empty;
    }

    /// <summary>The user returned from the provider: the authenticated user and the pushed request, or why not.</summary>
    public async Task<(AuthenticatedUser? User, string? RequestUri, string? Problem)> CompleteAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(CookieScheme).ConfigureAwait(false);
        await context.SignOutAsync(CookieScheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Properties?.Items.TryGetValue(RequestUriItem, out var requestUri) != true || requestUri is null)
        {
            return (null, null, "No sign-in at the upstream provider is in progress.");
        }

        var personId = result.Principal.FindFirst(PersonClaim)?.Value;
        if (string.IsNullOrEmpty(personId))
        {
            return (null, null, "The upstream sign-in did not identify a person.");
        }

        var acr = result.Principal.FindFirst(AcrClaim)?.Value;
        var level = acr is null ? null : options.Value.Upstream.AcrLevels.FirstOrDefault(a => string.Equals(a.Acr, acr, StringComparison.Ordinal))?.Level;
        return (new AuthenticatedUser(personId, level, acr), requestUri, null);
    }

    /// <summary>Keeps only the configured person claim and <c>acr</c> of the validated ID token (data minimisation: the cookie holds nothing else).</summary>
    public static ClaimsPrincipal? Minimise(ClaimsPrincipal? validated, UpstreamLoginOptions upstream)
    {
        var personId = validated?.FindFirst(upstream.PersonIdClaim)?.Value;
        if (string.IsNullOrEmpty(personId))
        {
            return null;
        }

        var identity = new ClaimsIdentity(Scheme);
        identity.AddClaim(new Claim(PersonClaim, personId));
        if (validated!.FindFirst(AcrClaim)?.Value is { Length: > 0 } acr)
        {
            identity.AddClaim(new Claim(AcrClaim, acr));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>The page for a failed round trip to the provider (unreachable, refused, invalid ID token).</summary>
    public IResult Failed(Exception? failure)
    {
        if (IsUnreachable(failure))
        {
            return Unavailable();
        }

        return HtmlPage.Error(endpoints.Issuer, t => t.SignInFailedTitle, t => t.SignInFailedLead, failure?.Message ?? "unknown error", StatusCodes.Status400BadRequest);
    }

    private IResult Unavailable() =>
        HtmlPage.Render(endpoints.Issuer, t => t.SignInUnavailableTitle, t => HtmlPage.Paragraph(t.SignInUnreachable), StatusCodes.Status503ServiceUnavailable);

    private static bool IsUnreachable(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream OpenID Connect provider is unavailable.")]
    private static partial void LogProviderUnavailable(ILogger logger, Exception exception);
}
