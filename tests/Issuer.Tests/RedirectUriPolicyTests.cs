using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;

namespace Wallet.Issuer.Tests;

/// <summary>
/// PAR refuses every <c>redirect_uri</c> outside the policy with <c>invalid_request</c> naming the rule (RFC 9126 §2.1:
/// the pushed request is validated as an authorization request; RFC 6749 §3.1.2; RFC 8252 §7), so the authorization
/// endpoint can only ever redirect to an allowed URI.
/// </summary>
public sealed class RedirectUriPolicyTests() : IssuerTestBase(new Dictionary<string, string?>
{
    ["Issuer:EnableDevelopmentLogin"] = "true",
    ["Issuer:AdditionalRedirectUriSchemes:0"] = "eudi-wallet",
})
{
    private Task<HttpResponseMessage> PushAsync(string redirectUri) =>
        Http.PostAsync("/par", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = "w",
            ["redirect_uri"] = redirectUri,
            ["code_challenge"] = Pkce.ComputeChallenge(Pkce.CreateVerifier()),
            ["code_challenge_method"] = "S256",
            ["scope"] = SdJwtConfiguration,
        }));

    [Theory]
    [InlineData("vbscript:msgbox(1)", "never a redirect target")]
    [InlineData("javascript:alert(1)", "never a redirect target")]
    [InlineData("data:text/html,x", "never a redirect target")]
    [InlineData("about:blank", "never a redirect target")]
    [InlineData("blob:https://wallet.example/x", "never a redirect target")]
    [InlineData("filesystem:https://wallet.example/temporary/x", "never a redirect target")]
    [InlineData("ms-appx:///x", "never a redirect target")]
    [InlineData("file:///etc/passwd", "never a redirect target")]
    [InlineData("http://example.com/cb", "RFC 8252 Sec. 7.3")]
    [InlineData("walletapp:/cb", "RFC 8252 Sec. 7.1")]
    [InlineData("https://wallet.example/cb#f", "RFC 6749 Sec. 3.1.2")]
    public async Task Par_refuses_a_redirect_uri_outside_the_policy_with_invalid_request_naming_the_rule_RFC8252_7(string redirectUri, string rule)
    {
        var response = await PushAsync(redirectUri);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["error"]!.GetValue<string>().Should().Be(OAuthErrors.InvalidRequest);
        body["error_description"]!.GetValue<string>().Should().Contain(rule);
    }

    [Theory]
    [InlineData("https://wallet.example/cb")]
    [InlineData("http://127.0.0.1:8080/cb")]
    [InlineData("http://[::1]/cb")]
    [InlineData("http://localhost:3000/cb")]
    [InlineData("com.example.app:/cb")]
    [InlineData("eudi-wallet://authorized/cb")]
    public async Task Par_accepts_https_loopback_reverse_dns_and_configured_schemes_and_the_login_redirects_there_RFC8252_7(string redirectUri)
    {
        var pushed = await PushAsync(redirectUri);
        pushed.StatusCode.Should().Be(HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync());
        var requestUri = JsonNode.Parse(await pushed.Content.ReadAsStringAsync())!["request_uri"]!.GetValue<string>();

        var page = await LoginPage.OpenAsync(Http, requestUri, "w");
        var redirect = await page.SubmitAsync(Http, "kari-nordmann");

        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirect.Headers.Location!.OriginalString.Should().StartWith(redirectUri + "?code=");
    }

    [Fact]
    public async Task Authorization_endpoint_ignores_a_redirect_uri_outside_the_pushed_request_RFC9126_4()
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();

        var page = await Http.GetAsync($"/authorize?client_id=w&request_uri={Uri.EscapeDataString(requestUri)}&redirect_uri=javascript:alert(1)");
        var login = await (await LoginPage.OpenAsync(Http, requestUri, "w")).SubmitAsync(Http, "kari-nordmann");

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        login.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("https://wallet.example/cb");
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("http")]
    [InlineData("not a scheme")]
    public void A_dangerous_or_invalid_additional_scheme_fails_at_start_naming_the_setting(string scheme)
    {
        using var factory = new IssuerFactory(settings: new Dictionary<string, string?> { ["Issuer:AdditionalRedirectUriSchemes:0"] = scheme });

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Issuer:AdditionalRedirectUriSchemes:0");
    }
}
