namespace Wallet.Issuer.Authentication;

/// <summary>
/// How the user proves who they are at the authorization endpoint. The issuer ships two: the development login page
/// (<c>Issuer:EnableDevelopmentLogin</c>) and an upstream OpenID Connect provider (<c>Issuer:Upstream</c>); a host brings
/// its own with <see cref="PidIssuerBuilder.UseLogin{TLogin}()"/>.
/// </summary>
/// <remarks>
/// The authorization endpoint calls <see cref="BeginAsync"/> only for a live pushed request whose <c>client_id</c>
/// matches. The implementation signs the user in by its own means (a page, a redirect to an eID broker) and then calls
/// <see cref="IAuthorizationCompletion.CompleteAsync"/> with the same <c>request_uri</c> and the person it
/// authenticated. It must carry that <c>request_uri</c> through its flow so that the browser cannot swap it (server-side
/// state or a protected cookie, never a plain form field or query parameter alone), because the code is sent to the
/// <c>redirect_uri</c> of whichever request is completed.
/// </remarks>
public interface IUserAuthentication
{
    /// <summary>Starts authentication for the live pushed request <paramref name="requestUri"/> (checked by the caller).</summary>
    /// <param name="context">The browser's request to the authorization endpoint.</param>
    /// <param name="requestUri">The pushed request's <c>request_uri</c> (<c>urn:ietf:params:oauth:request_uri:…</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The response to the browser: a login page, or a redirect to where the login happens.</returns>
    Task<IResult> BeginAsync(HttpContext context, string requestUri, CancellationToken cancellationToken);
}
