namespace Wallet.Client;

/// <summary>
/// Takes the user through the authorization endpoint: opens <c>authorizationUrl</c> (a browser, or a programmatic
/// login in tests and demos) and returns the URL the authorization server finally redirected to, which starts with the
/// wallet's <c>redirect_uri</c> and carries <c>code</c>, <c>state</c> and <c>iss</c>, or <c>error</c>.
/// </summary>
public interface IAuthorizationUserAgent
{
    /// <summary>Runs the user authentication and returns the redirect back to the wallet.</summary>
    Task<Uri> AuthorizeAsync(Uri authorizationUrl, Uri redirectUri, CancellationToken cancellationToken);
}
