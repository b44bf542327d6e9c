using System.Net;
using Wallet.Client;

namespace Wallet.Hosting.Tests;

/// <summary>The user's browser at the agency's login: follows the authorization endpoint to the login page, keeps its cookie, posts the password.</summary>
public sealed class AgencyLoginUserAgent(HttpClient http, string password = AgencyLogin.Password) : IAuthorizationUserAgent
{
    /// <summary>The answer to the password post, for tests of a refused sign-in.</summary>
    public HttpResponseMessage? LoginResponse { get; private set; }

    public async Task<Uri> AuthorizeAsync(Uri authorizationUrl, Uri redirectUri, CancellationToken cancellationToken)
    {
        using var authorize = await http.GetAsync(authorizationUrl, cancellationToken);
        authorize.StatusCode.Should().Be(HttpStatusCode.Redirect, await authorize.Content.ReadAsStringAsync(cancellationToken));
        var loginPage = new Uri(authorizationUrl, authorize.Headers.Location!);
        var cookie = authorize.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AgencyLogin.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];

        using var page = await http.GetAsync(loginPage, cancellationToken);
        (await page.Content.ReadAsStringAsync(cancellationToken)).Should().Contain("name=\"password\"");

        using var post = new HttpRequestMessage(HttpMethod.Post, loginPage)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = AgencyLogin.UserName, ["password"] = password }),
        };
        post.Headers.Add("Cookie", cookie);
        LoginResponse = await http.SendAsync(post, cancellationToken);
        if (LoginResponse.StatusCode != HttpStatusCode.Redirect)
        {
            throw new WalletFlowException(new WalletFlowError(WalletSteps.Authorize, WalletClientErrors.UnexpectedStatus, "The agency login did not redirect.", (int)LoginResponse.StatusCode));
        }

        return LoginResponse.Headers.Location!;
    }
}
