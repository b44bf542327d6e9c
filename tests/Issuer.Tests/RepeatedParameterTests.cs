using System.Net;
using Wallet.Core.OAuth;

namespace Wallet.Issuer.Tests;

/// <summary>
/// RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once." A repeated parameter is
/// refused at every endpoint that takes parameters: the HTML error page at the browser-facing endpoints, the OAuth
/// <c>invalid_request</c> JSON at PAR and token; never a 500.
/// </summary>
public sealed class RepeatedParameterTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:EnableDevelopmentLogin"] = "true" })
{
    [Theory]
    [InlineData("client_id")]
    [InlineData("request_uri")]
    public async Task Authorization_endpoint_refuses_a_repeated_parameter_with_the_error_page_RFC6749_3_1(string repeated)
    {
        var requestUri = Uri.EscapeDataString(await PushMinimalAuthorizationRequestAsync());
        var query = $"client_id=w&request_uri={requestUri}&{repeated}=" + (repeated == "client_id" ? "w" : requestUri);

        var page = await Http.GetAsync("/authorize?" + query);

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain($"The parameter &#x27;{repeated}&#x27; is repeated");
        page.Headers.Location.Should().BeNull("errors before the request is validated are never redirected");
    }

    [Theory]
    [InlineData("person_id", "kari-nordmann")]
    [InlineData("request_uri", "urn:ietf:params:oauth:request_uri:other")]
    public async Task Development_login_refuses_a_repeated_parameter_with_the_error_page_RFC6749_3_1(string repeated, string value)
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();
        var page = await LoginPage.OpenAsync(Http, requestUri, "w");

        var login = await page.SubmitAsync(Http, "kari-nordmann", fields => fields.Add(KeyValuePair.Create(repeated, value)));

        login.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        login.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await login.Content.ReadAsStringAsync()).Should().Contain($"The parameter &#x27;{repeated}&#x27; is repeated");
        (await page.SubmitAsync(Http, "kari-nordmann")).StatusCode.Should().Be(HttpStatusCode.Redirect, "a refused post leaves the pushed request usable");
    }

    [Theory]
    [InlineData("/par", "scope")]
    [InlineData("/par", "redirect_uri")]
    [InlineData("/token", "grant_type")]
    [InlineData("/token", "pre-authorized_code")]
    public async Task Par_and_token_endpoints_refuse_a_repeated_parameter_with_invalid_request_RFC6749_3_1(string path, string repeated)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("response_type", "code"),
            new("client_id", "w"),
            new("redirect_uri", "https://wallet.example/cb"),
            new("code_challenge", Pkce.ComputeChallenge(Pkce.CreateVerifier())),
            new("code_challenge_method", "S256"),
            new("scope", SdJwtConfiguration),
            new("grant_type", "urn:ietf:params:oauth:grant-type:pre-authorized_code"),
            new("pre-authorized_code", "code-1"),
        };
        fields.Add(KeyValuePair.Create(repeated, fields.First(f => f.Key == repeated).Value));

        var response = await Http.PostAsync(path, new FormUrlEncodedContent(fields));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"'{repeated}' is repeated");
    }
}
