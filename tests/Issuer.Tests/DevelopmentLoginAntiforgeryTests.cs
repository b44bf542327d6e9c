using System.Net;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The development login accepts only posts of its own form: each form carries an antiforgery token bound to a cookie
/// set with the page, so a cross-site post (no token, a wrong token, or a token without its cookie) gets the 400 page
/// and leaves the pushed request usable.
/// </summary>
public sealed class DevelopmentLoginAntiforgeryTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:EnableDevelopmentLogin"] = "true" })
{
    private const string TokenField = "__RequestVerificationToken";

    [Theory]
    [InlineData("no-token")]
    [InlineData("wrong-token")]
    [InlineData("token-without-cookie")]
    [InlineData("empty-token")]
    public async Task A_login_post_that_did_not_come_from_the_login_page_is_refused_with_the_400_page(string scenario)
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();
        var page = await LoginPage.OpenAsync(Http, requestUri, "w");
        var (action, fields) = page.FormFor("kari-nordmann");
        fields.Should().Contain(f => f.Key == TokenField, "every login form carries the token");
        var token = fields.Single(f => f.Key == TokenField);
        fields.Remove(token);
        using var crossSite = Factory.CreateClient();
        var client = Http;
        switch (scenario)
        {
            case "wrong-token": fields.Add(KeyValuePair.Create(TokenField, token.Value[..^4] + "AAAA")); break;
            case "token-without-cookie": fields.Add(token); client = crossSite; break;
            case "empty-token": fields.Add(KeyValuePair.Create(TokenField, string.Empty)); break;
        }

        var refused = await client.PostAsync(action, new FormUrlEncodedContent(fields));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Headers.Location.Should().BeNull();
        refused.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("did not come from this issuer");
        (await page.SubmitAsync(Http, "kari-nordmann")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the genuine form still works afterwards");
    }

    [Fact]
    public async Task The_login_page_sets_a_samesite_httponly_antiforgery_cookie_and_its_form_signs_in()
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();

        var page = await LoginPage.OpenAsync(Http, requestUri, "w");
        var login = await page.SubmitAsync(Http, "kari-nordmann");

        var cookie = page.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("issuer-antiforgery=", StringComparison.Ordinal));
        cookie.Should().Contain("samesite=strict").And.Contain("httponly");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        login.Headers.Location!.Query.Should().Contain("code=");
    }
}
