namespace Wallet.Issuer.Authentication;

/// <summary>
/// How the user proves who they are at the authorization endpoint. Two implementations: the development login page
/// (<see cref="DevelopmentLogin"/>) and an upstream OpenID Connect provider (<see cref="UpstreamOpenIdConnectLogin"/>).
/// Each ends in <see cref="Protocol.AuthorizationHandler.CompleteAsync"/> with an <see cref="AuthenticatedUser"/>.
/// </summary>
internal interface IUserAuthentication
{
    /// <summary>Starts authentication for the live pushed request <paramref name="requestUri"/> (checked by the caller).</summary>
    Task<IResult> BeginAsync(HttpContext context, string requestUri, CancellationToken cancellationToken);
}
