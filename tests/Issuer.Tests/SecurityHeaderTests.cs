using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Every issuer response carries the security headers: the HTML pages (offer page, development login, error pages)
/// a CSP without script and with <c>frame-ancestors 'none'</c>, <c>X-Frame-Options: DENY</c>, <c>nosniff</c> and
/// <c>Referrer-Policy: no-referrer</c>; JSON at least <c>nosniff</c>; HSTS outside Development (RFC 6797 §7.1).
/// </summary>
public sealed class SecurityHeaderTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:EnableDevelopmentLogin"] = "true" })
{
    public static TheoryData<string> Pages => ["offer-page", "login-page", "offer-page-404", "authorize-error", "login-error"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_html_page_carries_csp_frame_denial_nosniff_and_no_referrer(string page)
    {
        var response = await PageAsync(page);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var csp = Header(response, "Content-Security-Policy");
        csp.Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'").And.Contain("base-uri 'none'");
        csp.Should().NotContain("script-src").And.NotContain("unsafe-inline");
        Header(response, "X-Frame-Options").Should().Be("DENY");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Referrer-Policy").Should().Be("no-referrer");
    }

    [Fact]
    public async Task Offer_page_qr_image_is_a_data_uri_the_csp_allows()
    {
        var response = await PageAsync("offer-page");

        (await response.Content.ReadAsStringAsync()).Should().Contain("src=\"data:image/png;base64,");
        Header(response, "Content-Security-Policy").Should().Contain("img-src data:");
    }

    [Theory]
    [InlineData("/.well-known/openid-credential-issuer")]
    [InlineData("/jwks")]
    [InlineData("/token")]
    [InlineData("/api/offers")]
    public async Task Json_answers_carry_nosniff_and_hsts_outside_development_RFC6797_7_1(string path)
    {
        var response = path is "/token" or "/api/offers"
            ? await Http.PostAsync(path, new StringContent("{}", Encoding.UTF8, "application/json"))
            : await Http.GetAsync(path);

        response.Content.Headers.ContentType!.MediaType.Should().EndWith("json");
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
        Header(response, "Strict-Transport-Security").Should().StartWith("max-age=");
    }

    [Fact]
    public async Task Development_environment_sends_no_hsts()
    {
        using var factory = new DevelopmentIssuerFactory();
        using var http = factory.CreateClient();

        var response = await http.GetAsync("/.well-known/openid-credential-issuer");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
        Header(response, "X-Content-Type-Options").Should().Be("nosniff");
    }

    private async Task<HttpResponseMessage> PageAsync(string page)
    {
        switch (page)
        {
            case "offer-page":
                var offer = await CreateOfferAsync(new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration } });
                return await Http.GetAsync(new Uri(offer["offerPageUrl"]!.GetValue<string>()).PathAndQuery);
            case "login-page":
                return (await LoginPage.OpenAsync(Http, await PushMinimalAuthorizationRequestAsync(), "w")).Response;
            case "offer-page-404":
                return await Http.GetAsync("/offers/unknown");
            case "authorize-error":
                return await Http.GetAsync("/authorize?client_id=w&request_uri=x");
            default:
                return await Http.PostAsync("/authorize/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["person_id"] = "kari-nordmann" }));
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new InvalidOperationException($"No {name} header on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}.");

    private sealed class DevelopmentIssuerFactory : IDisposable
    {
        private readonly IssuerFactory _inner = new();

        public HttpClient CreateClient() => _inner.WithWebHostBuilder(builder => builder.UseEnvironment("Development")).CreateClient();

        public void Dispose() => _inner.Dispose();
    }
}
