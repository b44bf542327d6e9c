namespace Wallet.Issuer.Authentication;

/// <summary>
/// Ends an authorization once the user has signed in: the step every <see cref="IUserAuthentication"/> calls last, the
/// built-in logins as well as a host's own login page. Registered by <c>AddPidIssuer()</c>; resolve it from DI.
/// </summary>
public interface IAuthorizationCompletion
{
    /// <summary>
    /// Consumes the pushed request <paramref name="requestUri"/> (once: a second call for it fails) and decides: a
    /// redirect to the wallet's <c>redirect_uri</c> with <c>code</c>, <c>state</c> and <c>iss</c> (RFC 9207) when
    /// <paramref name="user"/> reached level of assurance high, is known to the authentic source and, for a request made
    /// from an offer, is the person the offer was made for; else the same redirect with <c>error=access_denied</c>
    /// (RFC 6749 §4.1.2.1). When the request itself is unknown, used or expired there is nowhere safe to redirect, and the
    /// result carries a problem to show the user instead.
    /// </summary>
    /// <param name="requestUri">The <c>request_uri</c> given to <see cref="IUserAuthentication.BeginAsync"/>.</param>
    /// <param name="user">The person the host authenticated.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<AuthorizationCompletionResult> CompleteAsync(string? requestUri, AuthenticatedUser user, CancellationToken cancellationToken = default);
}
