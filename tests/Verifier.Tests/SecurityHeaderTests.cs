using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Wallet.Verifier.Tests;

/// <summary>The relying-party page refuses framing in old browsers too, and the Verifier sends HSTS outside Development (RFC 6797 §7.1).</summary>
public sealed class SecurityHeaderTests
{
    [Theory]
    [InlineData("/rp")]
    [InlineData("/rp/app.js")]
    public async Task Relying_party_page_carries_frame_denial_csp_nosniff_and_no_referrer(string path)
    {
        using var app = new VerifierApp(settings: new() { ["Verifier:DemoPage:Enabled"] = "true" });

        var response = await app.WalletClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
    }

    [Theory]
    [InlineData("Production", true)]
    [InlineData("Development", false)]
    public async Task Hsts_is_sent_outside_development_only_RFC6797_7_1(string environment, bool expected)
    {
        using var app = new VerifierApp();
        using var host = app.WithWebHostBuilder(builder => builder.UseEnvironment(environment));

        var response = await host.CreateClient(new() { BaseAddress = new Uri(VerifierApp.PublicBaseUrl) }).GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").Should().Be(expected);
    }
}
