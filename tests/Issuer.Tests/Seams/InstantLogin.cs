using Microsoft.AspNetCore.Http;
using Wallet.Core.Trust;
using Wallet.Issuer.Authentication;

namespace Wallet.Issuer.Tests.Seams;

/// <summary>
/// A host's own login for a user who already has a session at the host (single sign-on): it completes the
/// authorization at once, as the person and level the test sets.
/// </summary>
public sealed class InstantLogin(IAuthorizationCompletion completion) : IUserAuthentication
{
    public string PersonId { get; set; } = "kari-nordmann";

    public LevelOfAssurance? Level { get; set; } = LevelOfAssurance.High;

    public async Task<IResult> BeginAsync(HttpContext context, string requestUri, CancellationToken cancellationToken) =>
        (await completion.CompleteAsync(requestUri, new AuthenticatedUser(PersonId, Level, "urn:host:session"), cancellationToken)).ToHttpResult();
}
