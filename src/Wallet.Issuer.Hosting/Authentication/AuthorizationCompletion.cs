using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Authentication;

/// <summary>The issuer's <see cref="IAuthorizationCompletion"/>: the authorization handler's last step.</summary>
internal sealed class AuthorizationCompletion(AuthorizationHandler handler, IssuerEndpoints endpoints) : IAuthorizationCompletion
{
    public async ValueTask<AuthorizationCompletionResult> CompleteAsync(string? requestUri, AuthenticatedUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (redirect, problem) = await handler.CompleteAsync(requestUri, user, cancellationToken).ConfigureAwait(false);
        return new AuthorizationCompletionResult(endpoints.Issuer, redirect, problem);
    }
}
