using System.Diagnostics.CodeAnalysis;
using Wallet.Issuer.Pages;

namespace Wallet.Issuer.Authentication;

/// <summary>What <see cref="IAuthorizationCompletion.CompleteAsync"/> decided: a redirect back to the wallet, or a problem for the user.</summary>
public sealed class AuthorizationCompletionResult
{
    private readonly string _issuer;

    internal AuthorizationCompletionResult(string issuer, Uri? redirectUri, string? problem)
    {
        _issuer = issuer;
        RedirectUri = redirectUri;
        Problem = problem;
    }

    /// <summary>
    /// The wallet's <c>redirect_uri</c> with <c>code</c> (or <c>error=access_denied</c>), <c>state</c> and <c>iss</c>;
    /// null when the pushed request could not be used.
    /// </summary>
    public Uri? RedirectUri { get; }

    /// <summary>Why the pushed request could not be used (unknown, used or expired), for the user; null with a redirect.</summary>
    public string? Problem { get; }

    /// <summary>True when the browser goes back to the wallet (with a code or with <c>access_denied</c>).</summary>
    [MemberNotNullWhen(true, nameof(RedirectUri))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool HasRedirect => RedirectUri is not null;

    /// <summary>The response for the browser: a 302 redirect to <see cref="RedirectUri"/>, or the issuer's 400 page naming <see cref="Problem"/>.</summary>
    public IResult ToHttpResult() => HasRedirect
        ? Results.Redirect(RedirectUri.AbsoluteUri)
        : HtmlPage.Error(_issuer, t => t.NotAcceptedTitle, t => t.NotAcceptedLead, Problem, StatusCodes.Status400BadRequest);
}
