using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wallet.Core.Trust;
using Wallet.Issuer.Authentication;

namespace Wallet.Hosting.Tests;

/// <summary>
/// The agency's own login, registered with <c>UseLogin&lt;AgencyLogin&gt;()</c>: the authorization endpoint hands the
/// browser to the agency's page at <see cref="Path"/>; the pushed request waits server-side under a random session
/// handle kept in an HttpOnly cookie (so the browser cannot swap it), and a correct password ends in
/// <see cref="IAuthorizationCompletion.CompleteAsync"/>.
/// </summary>
public sealed class AgencyLogin(IAuthorizationCompletion completion) : IUserAuthentication
{
    public const string Path = "/agency/login";
    public const string CookieName = "agency-login";
    public const string UserName = "ada";

    // A test account of the agency's own user directory (in production: its eID, with level of assurance high).
    public const string Password = "test-only-password";

    /// <summary>Who a correct password signs in, at which level: by default Ada at high; tests of other persons and levels change it.</summary>
    public AuthenticatedUser SignedIn { get; set; } = new(AgencyRegister.AdaId, LevelOfAssurance.High, "urn:agency:eid:high");

    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);

    public Task<IResult> BeginAsync(HttpContext context, string requestUri, CancellationToken cancellationToken)
    {
        var session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _pending[session] = requestUri;
        context.Response.Cookies.Append(CookieName, session, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = Path });
        return Task.FromResult(Results.Redirect(Path));
    }

    /// <summary>Maps the agency's login page and its form post.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, () => Results.Content(
            $"""<!DOCTYPE html><form method="post" action="{Path}"><input name="username"><input name="password" type="password"><button>Sign in</button></form>""",
            "text/html"));
        routes.MapPost(Path, (HttpContext context, AgencyLogin login, CancellationToken cancellationToken) => login.SubmitAsync(context, cancellationToken))
            .DisableAntiforgery();
    }

    private async Task<IResult> SubmitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var session) || !_pending.TryGetValue(session, out var requestUri))
        {
            return Results.Content("No sign-in is in progress; start again from your wallet.", "text/plain", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form["username"] != UserName || form["password"] != Password)
        {
            return Results.Content("Wrong user name or password.", "text/plain", statusCode: StatusCodes.Status401Unauthorized);
        }

        _pending.TryRemove(session, out _);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = Path });
        var completed = await completion.CompleteAsync(requestUri, SignedIn, cancellationToken);
        return completed.ToHttpResult();
    }
}
