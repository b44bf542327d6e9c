using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Tests;

/// <summary>
/// User authentication at an upstream OpenID Connect provider: a real OpenIddict server on loopback, reached by the
/// issuer's ASP.NET Core OpenID Connect handler; the ID token's acr decides the level of assurance.
/// </summary>
public sealed class UpstreamLoginTests(TestOpenIdProvider provider) : IssuerTestBase(provider.IssuerSettings()), IClassFixture<TestOpenIdProvider>
{
    private const string ClientId = "test-wallet";
    private const string RedirectUri = "https://wallet.example/cb";

    private readonly string _verifier = Pkce.CreateVerifier();
    private readonly SigningKey _dpopKey = SigningKey.Generate();

    /// <summary>PAR, then the browser: issuer /authorize → provider → issuer callback → completion → redirect to the wallet.</summary>
    private async Task<(HttpResponseMessage Authorize, HttpResponseMessage? Final)> SignInAsync()
    {
        var form = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["code_challenge"] = Pkce.ComputeChallenge(_verifier),
            ["code_challenge_method"] = "S256",
            ["scope"] = SdJwtConfiguration,
            ["state"] = "state-1",
        };
        var pushed = await Http.PostAsync("/par", new FormUrlEncodedContent(form));
        var requestUri = JsonNode.Parse(await pushed.Content.ReadAsStringAsync())!["request_uri"]!.GetValue<string>();

        var authorize = await Http.GetAsync($"/authorize?client_id={ClientId}&request_uri={Uri.EscapeDataString(requestUri)}");
        if (authorize.StatusCode != HttpStatusCode.Redirect)
        {
            return (authorize, null);
        }

        authorize.Headers.Location!.GetLeftPart(UriPartial.Authority).Should().Be(provider.Authority.GetLeftPart(UriPartial.Authority));
        using var browserAtProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var atProvider = await browserAtProvider.GetAsync(authorize.Headers.Location);
        atProvider.StatusCode.Should().Be(HttpStatusCode.Redirect, await atProvider.Content.ReadAsStringAsync());
        var callback = atProvider.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).Should().Be(IssuerFactory.IssuerUrl + "/authorize/upstream/callback");

        var signedIn = await Http.GetAsync(callback.PathAndQuery);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            return (authorize, signedIn);
        }

        signedIn.Headers.Location!.OriginalString.Should().Be("/authorize/upstream/complete");
        return (authorize, await Http.GetAsync(signedIn.Headers.Location.OriginalString));
    }

    [Fact]
    public async Task Pid_is_issued_after_upstream_sign_in_with_acr_for_level_of_assurance_high()
    {
        provider.NextSubject = "amina-haddad";
        provider.NextAcr = TestOpenIdProvider.AcrHigh;

        var (_, final) = await SignInAsync();

        final!.StatusCode.Should().Be(HttpStatusCode.Redirect, await final.Content.ReadAsStringAsync());
        final.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(RedirectUri);
        var query = QueryHelpers.ParseQuery(final.Headers.Location.Query);
        query["state"].Single().Should().Be("state-1");
        query["iss"].Single().Should().Be(IssuerFactory.IssuerUrl);
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(CredentialOfferLink.ByValue(new CredentialOffer { CredentialIssuer = IssuerFactory.IssuerUrl, CredentialConfigurationIds = [SdJwtConfiguration] }).ToUri());
        await wallet.RequestAuthorizationCodeTokenAsync(_dpopKey, query["code"].Single()!, RedirectUri, _verifier, ClientId);
        var holder = SigningKey.Generate();
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);
        result.Errors.Should().BeEmpty();
        result.Claims!["family_name"]!.GetValue<string>().Should().Be("Haddad");
    }

    [Theory]
    [InlineData(TestOpenIdProvider.AcrSubstantial, "level of assurance Substantial")]
    [InlineData("urn:example:unmapped-acr", "no known level of assurance")]
    [InlineData(null, "acr 'none'")]
    public async Task Sign_in_below_level_of_assurance_high_is_access_denied_to_the_wallet(string? acr, string reason)
    {
        provider.NextSubject = "kari-nordmann";
        provider.NextAcr = acr;

        var (_, final) = await SignInAsync();

        final!.StatusCode.Should().Be(HttpStatusCode.Redirect, await final.Content.ReadAsStringAsync());
        final.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(RedirectUri);
        var query = QueryHelpers.ParseQuery(final.Headers.Location.Query);
        query.Should().NotContainKey("code");
        query["error"].Single().Should().Be("access_denied");
        query["error_description"].Single().Should().Contain(reason).And.Contain("requires level of assurance high");
        query["state"].Single().Should().Be("state-1");
    }

    [Fact]
    public async Task Upstream_subject_unknown_to_the_authentic_source_is_access_denied()
    {
        provider.NextSubject = "nobody-known";
        provider.NextAcr = TestOpenIdProvider.AcrHigh;

        var (_, final) = await SignInAsync();

        var query = QueryHelpers.ParseQuery(final!.Headers.Location!.Query);
        query["error"].Single().Should().Be("access_denied");
        query["error_description"].Single().Should().Contain("no PID data");
    }

    [Fact]
    public async Task Completion_without_an_upstream_sign_in_is_refused()
    {
        var response = await Http.GetAsync("/authorize/upstream/complete");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("No sign-in at the upstream provider is in progress");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?code=abc&state=forged")]
    [InlineData("?error=access_denied&state=forged")]
    public async Task Forged_or_empty_callback_is_a_400_page_never_a_500(string query)
    {
        var response = await Http.GetAsync("/authorize/upstream/callback" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await response.Content.ReadAsStringAsync()).Should().Contain("Sign-in failed");
    }

    [Fact]
    public async Task Development_login_is_not_offered_while_upstream_login_is_configured()
    {
        var login = await Http.PostAsync("/authorize/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["request_uri"] = "urn:ietf:params:oauth:request_uri:x", ["person_id"] = "kari-nordmann" }));

        login.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

/// <summary>The upstream provider is down: the user gets a clear page, never a 500, and the pushed request stays usable.</summary>
public sealed class UpstreamLoginProviderDownTests() : IssuerTestBase(DownSettings())
{
    private static Dictionary<string, string?> DownSettings()
    {
        // A port that was free a moment ago and has no listener now.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Dictionary<string, string?>
        {
            ["Issuer:Upstream:Authority"] = $"http://127.0.0.1:{port}/",
            ["Issuer:Upstream:ClientId"] = TestOpenIdProvider.ClientId,
            ["Issuer:Upstream:RequireHttpsMetadata"] = "false",
            ["Issuer:Upstream:AcrLevels:0:Acr"] = TestOpenIdProvider.AcrHigh,
            ["Issuer:Upstream:AcrLevels:0:Level"] = "High",
        };
    }

    [Fact]
    public async Task Unreachable_provider_gives_a_clear_503_page()
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();
        var url = $"/authorize?client_id=w&request_uri={Uri.EscapeDataString(requestUri)}";

        var page = await Http.GetAsync(url);
        var again = await Http.GetAsync(url);

        page.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await page.Content.ReadAsStringAsync()).Should().Contain("cannot be reached right now");
        again.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "the pushed request is not consumed, so the user can retry");
    }
}

/// <summary>The provider goes down between the user's sign-in there and the code redemption: a clear page, never a 500.</summary>
public sealed class UpstreamLoginProviderStopsTests(TestOpenIdProvider provider) : IssuerTestBase(provider.IssuerSettings()), IClassFixture<TestOpenIdProvider>
{
    [Fact]
    public async Task Provider_unreachable_at_code_redemption_gives_a_clear_503_page()
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();
        var authorize = await Http.GetAsync($"/authorize?client_id=w&request_uri={Uri.EscapeDataString(requestUri)}");
        using var browserAtProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var atProvider = await browserAtProvider.GetAsync(authorize.Headers.Location);
        atProvider.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await provider.StopAsync();
        var callback = await Http.GetAsync(atProvider.Headers.Location!.PathAndQuery);

        callback.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await callback.Content.ReadAsStringAsync()).Should().Contain("cannot be reached right now");
    }
}
