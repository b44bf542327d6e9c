using Wallet.Core.OAuth;

namespace Wallet.Core.Tests.OAuth;

/// <summary>
/// The redirect URI allow-list: https; http only on loopback (RFC 8252 §7.3); private-use schemes in reverse domain name
/// form (RFC 8252 §7.1) or configured; no fragment (RFC 6749 §3.1.2); nothing that runs code or reads local content.
/// </summary>
public sealed class RedirectUriPolicyTests
{
    [Theory]
    [InlineData("https://wallet.example/cb")]
    [InlineData("https://wallet.example:8443/cb?client=1")]
    [InlineData("http://127.0.0.1/cb")]
    [InlineData("http://127.0.0.1:51004/oauth2redirect")]
    [InlineData("http://[::1]:8080/cb")]
    [InlineData("http://localhost:3000/cb")]
    [InlineData("com.example.app:/oauth2redirect/example-provider")]
    [InlineData("eu.europa.ec.eudi.wallet.client:/authorized")]
    [InlineData("com.example.app://cb")]
    public void Https_loopback_http_and_reverse_dns_private_use_schemes_are_accepted_RFC8252_7_1_7_3(string value)
    {
        RedirectUriPolicy.Default.TryValidate(value, out var uri, out var error).Should().BeTrue(error?.Message);

        uri!.OriginalString.Should().Be(value);
    }

    [Theory]
    [InlineData("vbscript:msgbox(1)", "never a redirect target")]
    [InlineData("javascript:alert(document.domain)", "never a redirect target")]
    [InlineData("JavaScript:alert(1)", "never a redirect target")]
    [InlineData("data:text/html,<script>alert(1)</script>", "never a redirect target")]
    [InlineData("about:blank", "never a redirect target")]
    [InlineData("blob:https://wallet.example/5b1c2e9e-0000-4000-8000-000000000000", "never a redirect target")]
    [InlineData("filesystem:https://wallet.example/temporary/x", "never a redirect target")]
    [InlineData("ms-appx:///page.html", "never a redirect target")]
    [InlineData("file:///etc/passwd", "never a redirect target")]
    [InlineData("http://example.com/cb", "RFC 8252 §7.3")]
    [InlineData("http://127.0.0.2/cb", "RFC 8252 §7.3")]
    [InlineData("http://localhost.example.com/cb", "RFC 8252 §7.3")]
    [InlineData("http://127.0.0.1.example.com/cb", "RFC 8252 §7.3")]
    [InlineData("walletapp:/cb", "RFC 8252 §7.1")]
    [InlineData("https://wallet.example/cb#fragment", "RFC 6749 §3.1.2")]
    [InlineData("com.example.app:/cb#", "RFC 6749 §3.1.2")]
    [InlineData("/cb", "RFC 6749 §3.1.2")]
    [InlineData("wallet.example/cb", "RFC 6749 §3.1.2")]
    [InlineData("", "RFC 6749 §3.1.2")]
    [InlineData(null, "RFC 6749 §3.1.2")]
    [InlineData("https:/cb", "RFC 6749 §3.1.2")]
    [InlineData("https:///cb", "RFC 6749 §3.1.2")]
    public void Every_other_redirect_uri_is_refused_naming_the_rule_RFC6749_3_1_2_RFC8252_7(string? value, string rule)
    {
        RedirectUriPolicy.Default.TryValidate(value, out var uri, out var error).Should().BeFalse();

        uri.Should().BeNull();
        error!.Code.Should().Be(OAuthErrorCodes.AuthorizationRequestRedirectUriInvalid);
        error.Message.Should().Contain(rule);
    }

    [Fact]
    public void A_configured_scheme_is_accepted_and_only_that_one_RFC8252_7_1()
    {
        var policy = new RedirectUriPolicy(["EUDI-Wallet"]);

        policy.TryValidate("eudi-wallet://authorized", out _, out var error).Should().BeTrue(error?.Message);
        policy.TryValidate("walletapp:/cb", out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("DATA")]
    [InlineData("http")]
    [InlineData("https")]
    [InlineData("file")]
    [InlineData("ms-appx")]
    [InlineData("eudi:wallet")]
    [InlineData("1wallet")]
    [InlineData("")]
    public void Schemes_that_run_code_or_are_not_schemes_cannot_be_allowed(string scheme)
    {
        RedirectUriPolicy.IsAllowableScheme(scheme, out var reason).Should().BeFalse();
        reason.Should().NotBeNullOrEmpty();
        var create = () => new RedirectUriPolicy([scheme]);
        create.Should().Throw<ArgumentException>();
    }
}
