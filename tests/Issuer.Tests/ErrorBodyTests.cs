using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.OAuth;

namespace Wallet.Issuer.Tests;

/// <summary>
/// No issuer error has an empty body: protocol endpoints answer the OAuth error JSON (RFC 6749 §5.2), our APIs, the
/// public documents and unknown routes RFC 9457 problem details, the browser pages the HTML error page.
/// </summary>
public sealed class ErrorBodyTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:EnableDevelopmentLogin"] = "true" })
{
    [Theory]
    [InlineData("GET", "/credential-offers/unknown", null, 404)]
    [InlineData("GET", "/status-lists/unknown", null, 404)]
    [InlineData("GET", "/status-lists/99999", null, 404)]
    [InlineData("GET", "/no-such-route", null, 404)]
    [InlineData("GET", "/api/no-such-route", null, 404)]
    [InlineData("POST", "/api/offers", "text/plain", 415)]
    [InlineData("POST", "/api/offers", "application/x-www-form-urlencoded", 415)]
    [InlineData("DELETE", "/api/offers", null, 405)]
    [InlineData("POST", "/jwks", "application/json", 405)]
    [InlineData("PUT", "/.well-known/openid-credential-issuer", "application/json", 405)]
    public async Task Documents_apis_and_unknown_routes_answer_problem_details_RFC9457_3(string method, string path, string? contentType, int status)
    {
        var response = await SendAsync(method, path, contentType);

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["status"]!.GetValue<int>().Should().Be(status);
        problem["title"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("GET", "/token", 405)]
    [InlineData("GET", "/par", 405)]
    [InlineData("GET", "/credential", 405)]
    [InlineData("PUT", "/nonce", 405)]
    public async Task Protocol_endpoints_answer_oauth_error_json_for_a_wrong_method_RFC6749_5_2_RFC9126_2_3(string method, string path, int status)
    {
        var response = await SendAsync(method, path, null);

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidRequest);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Theory]
    [InlineData("POST", "/authorize", 405)]
    [InlineData("GET", "/authorize/login", 405)]
    [InlineData("POST", "/offers/x", 405)]
    public async Task Browser_pages_answer_the_html_error_page(string method, string path, int status)
    {
        var response = await SendAsync(method, path, null);

        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<h1>Request not accepted</h1>");
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (contentType is not null)
        {
            request.Content = new StringContent("x=1", Encoding.UTF8, contentType);
        }

        request.Headers.Add("X-API-Key", IssuerFactory.ApiKey);
        return await Http.SendAsync(request);
    }
}
