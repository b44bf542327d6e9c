using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Tests;

/// <summary>The authorization code flow: PAR (required), PKCE S256, the development login, iss in the response, DPoP (HAIP 1.0 §4).</summary>
public sealed class AuthorizationCodeFlowTests() : IssuerTestBase(new Dictionary<string, string?> { ["Issuer:EnableDevelopmentLogin"] = "true" })
{
    private const string ClientId = "test-wallet";
    private const string RedirectUri = "https://wallet.example/cb";

    private readonly string _verifier = Pkce.CreateVerifier();
    private readonly SigningKey _dpopKey = SigningKey.Generate();

    private async Task<HttpResponseMessage> PushAsync(Dictionary<string, string>? overrides = null, IEnumerable<string>? remove = null)
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
        foreach (var (key, value) in overrides ?? [])
        {
            form[key] = value;
        }

        foreach (var key in remove ?? [])
        {
            form.Remove(key);
        }

        return await Http.PostAsync("/par", new FormUrlEncodedContent(form));
    }

    private async Task<string> RequestUriAsync(Dictionary<string, string>? overrides = null)
    {
        var response = await PushAsync(overrides);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["request_uri"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> LoginAsync(string requestUri, string personId = "kari-nordmann") =>
        await (await LoginPage.OpenAsync(Http, requestUri, ClientId)).SubmitAsync(Http, personId);

    private async Task<string> CodeAsync(Dictionary<string, string>? overrides = null)
    {
        var redirect = await LoginAsync(await RequestUriAsync(overrides));
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return QueryHelpers.ParseQuery(redirect.Headers.Location!.Query)["code"].Single()!;
    }

    private async Task<HttpResponseMessage> TokenAsync(string code, string? verifier = null, string redirectUri = RedirectUri, string clientId = ClientId, SigningKey? dpopKey = null)
    {
        async Task<HttpResponseMessage> Send(string? nonce)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/token")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["code"] = code,
                    ["redirect_uri"] = redirectUri,
                    ["code_verifier"] = verifier ?? _verifier,
                    ["client_id"] = clientId,
                }),
            };
            request.Headers.Add("DPoP", DpopProof.Create(dpopKey ?? _dpopKey, "POST", new Uri(IssuerFactory.IssuerUrl + "/token"), Clock.GetUtcNow(), nonce));
            return await Http.SendAsync(request);
        }

        var first = await Send(null);
        return first.Headers.TryGetValues(DpopProof.NonceHeaderName, out var nonces) && first.StatusCode == HttpStatusCode.BadRequest
            ? await Send(nonces.Single())
            : first;
    }

    [Fact]
    public async Task Pid_is_issued_through_par_login_and_pkce_with_iss_in_the_response_HAIP_4_RFC9207()
    {
        var requestUri = await RequestUriAsync();
        requestUri.Should().StartWith("urn:ietf:params:oauth:request_uri:");
        var page = await Http.GetAsync($"/authorize?client_id={ClientId}&request_uri={Uri.EscapeDataString(requestUri)}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("Kari Nordmann").And.Contain("Development sign-in");

        var redirect = await LoginAsync(requestUri);

        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        redirect.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(RedirectUri);
        var query = QueryHelpers.ParseQuery(redirect.Headers.Location.Query);
        query["state"].Single().Should().Be("state-1");
        query["iss"].Single().Should().Be(IssuerFactory.IssuerUrl);
        var token = await TokenAsync(query["code"].Single()!);
        var tokenBody = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        token.StatusCode.Should().Be(HttpStatusCode.OK, tokenBody.ToJsonString());
        tokenBody["token_type"]!.GetValue<string>().Should().Be("DPoP");

        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(CredentialOfferLink.ByValue(new CredentialOffer { CredentialIssuer = IssuerFactory.IssuerUrl, CredentialConfigurationIds = [SdJwtConfiguration] }).ToUri());
        wallet.UseToken(_dpopKey, tokenBody["access_token"]!.GetValue<string>(), token.Headers.GetValues(DpopProof.NonceHeaderName).Single());
        var holder = SigningKey.Generate();
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);
        result.Errors.Should().BeEmpty();
        result.Claims!["family_name"]!.GetValue<string>().Should().Be("Nordmann");
    }

    [Fact]
    public async Task Authorization_details_give_credential_identifiers_that_requests_must_use_OID4VCI_6_2_8_2()
    {
        var details = """[{"type":"openid_credential","credential_configuration_id":"eu.europa.ec.eudi.pid_mso_mdoc"}]""";
        var code = await CodeAsync(new Dictionary<string, string> { ["authorization_details"] = details, ["scope"] = "unknown-scope" });
        var token = await TokenAsync(code);
        var tokenBody = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        tokenBody["authorization_details"]![0]!["credential_identifiers"]!.ToJsonString().Should().Be($"[\"{MdocConfiguration}\"]");
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(CredentialOfferLink.ByValue(new CredentialOffer { CredentialIssuer = IssuerFactory.IssuerUrl, CredentialConfigurationIds = [MdocConfiguration] }).ToUri());
        wallet.UseToken(_dpopKey, tokenBody["access_token"]!.GetValue<string>(), token.Headers.GetValues(DpopProof.NonceHeaderName).Single());

        var byConfiguration = await wallet.RequestCredentialsAsync(MdocConfiguration, Keys(1));
        (await TestWallet.ErrorAsync(byConfiguration)).Should().Be(OpenId4VciErrors.InvalidCredentialRequest);

        var nonce = await wallet.FetchCNonceAsync();
        var body = new JsonObject { ["credential_identifier"] = MdocConfiguration, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(KeyProof.Create(SigningKey.Generate(), IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce)) } };
        (await TestWallet.CredentialsAsync(await wallet.SendCredentialRequestAsync(body.ToJsonString()))).Should().ContainSingle();
    }

    private async Task<(TestWallet Wallet, JsonNode TokenBody)> WalletWithClaimsAsync(string configuration, string? claims)
    {
        var details = claims is null
            ? $$"""[{"type":"openid_credential","credential_configuration_id":"{{configuration}}"}]"""
            : $$"""[{"type":"openid_credential","credential_configuration_id":"{{configuration}}","claims":{{claims}}}]""";
        var code = await CodeAsync(new Dictionary<string, string> { ["authorization_details"] = details, ["scope"] = "unknown-scope" });
        var token = await TokenAsync(code);
        var tokenBody = JsonNode.Parse(await token.Content.ReadAsStringAsync())!;
        token.StatusCode.Should().Be(HttpStatusCode.OK, tokenBody.ToJsonString());
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(CredentialOfferLink.ByValue(new CredentialOffer { CredentialIssuer = IssuerFactory.IssuerUrl, CredentialConfigurationIds = [configuration] }).ToUri());
        wallet.UseToken(_dpopKey, tokenBody["access_token"]!.GetValue<string>(), token.Headers.GetValues(DpopProof.NonceHeaderName).Single());
        return (wallet, tokenBody);
    }

    private async Task<string> CredentialByIdentifierAsync(TestWallet wallet, string identifier, SigningKey holder)
    {
        var nonce = await wallet.FetchCNonceAsync();
        var body = new JsonObject { ["credential_identifier"] = identifier, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(KeyProof.Create(holder, IssuerFactory.IssuerUrl, Clock.GetUtcNow(), nonce)) } };
        return (await TestWallet.CredentialsAsync(await wallet.SendCredentialRequestAsync(body.ToJsonString()))).Single();
    }

    [Fact]
    public async Task Claims_in_authorization_details_narrow_the_sd_jwt_vc_to_them_and_the_rule_book_mandatory_ones_5_1_1_6_2_B_1()
    {
        var (wallet, tokenBody) = await WalletWithClaimsAsync(SdJwtConfiguration, """[{"path":["personal_administrative_number"]}]""");

        // OpenID4VCI 1.0 §6.2: the token response repeats the requested claims.
        tokenBody["authorization_details"]![0]!["claims"]!.ToJsonString().Should().Be("""[{"path":["personal_administrative_number"]}]""");
        var holder = SigningKey.Generate();
        var credential = await CredentialByIdentifierAsync(wallet, SdJwtConfiguration, holder);

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);
        result.Errors.Should().BeEmpty();
        var claims = result.Claims!.AsObject();
        claims["personal_administrative_number"].Should().NotBeNull();

        // PID Rule Book (ARF Annex 3.01) ch. 2 / CIR 2024/2977 Tables 1 and 5: never removed.
        claims.Select(m => m.Key).Should().Contain(["family_name", "given_name", "birthdate", "place_of_birth", "nationalities", "issuing_authority", "issuing_country"]);

        // Kari has every optional attribute; the ones not asked for are not issued.
        claims.Select(m => m.Key).Should().NotContain(["address", "email", "birth_family_name", "birth_given_name", "sex", "phone_number", "picture", "document_number"]);
    }

    [Fact]
    public async Task Claims_in_authorization_details_narrow_the_mdoc_to_them_and_the_rule_book_mandatory_ones_5_1_1_B_1()
    {
        var (wallet, tokenBody) = await WalletWithClaimsAsync(MdocConfiguration, """[{"path":["eu.europa.ec.eudi.pid.1","personal_administrative_number"]}]""");
        tokenBody["authorization_details"]![0]!["claims"]!.ToJsonString().Should().Be("""[{"path":["eu.europa.ec.eudi.pid.1","personal_administrative_number"]}]""");

        var credential = await CredentialByIdentifierAsync(wallet, MdocConfiguration, SigningKey.Generate());

        var (result, _) = await new CredentialVerification(Factory, Http).VerifyMdocAsync(credential);
        result.Errors.Should().BeEmpty();
        result.Elements.Keys.Should().Equal("eu.europa.ec.eudi.pid.1");
        var elements = result.Elements["eu.europa.ec.eudi.pid.1"].Keys;
        elements.Should().Contain(["personal_administrative_number", "family_name", "given_name", "birth_date", "place_of_birth", "nationality", "issuing_authority", "issuing_country"]);
        elements.Should().NotContain(["resident_street", "resident_city", "sex", "portrait", "email_address"]);
    }

    [Theory]
    [InlineData("""[{"path":["favourite_colour"]}]""", "a claim the configuration does not describe")]
    [InlineData("""[{"path":["eu.europa.ec.eudi.pid.1","given_name"]}]""", "an mdoc path for an SD-JWT VC configuration")]
    [InlineData("""[{"path":["given_name"],"mandatory":"yes"}]""", "a malformed claims description")]
    [InlineData("""[]""", "empty claims")]
    public async Task Unknown_or_malformed_claims_are_invalid_authorization_details_B_1_RFC9396_5(string claims, string because)
    {
        var details = $$"""[{"type":"openid_credential","credential_configuration_id":"{{SdJwtConfiguration}}","claims":{{claims}}}]""";

        var response = await PushAsync(new Dictionary<string, string> { ["authorization_details"] = details });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, because);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be("invalid_authorization_details", because);
    }

    [Fact]
    public async Task Authorization_details_without_claims_issue_the_full_pid_and_echo_no_claims_5_1_1()
    {
        var (wallet, tokenBody) = await WalletWithClaimsAsync(SdJwtConfiguration, null);
        tokenBody["authorization_details"]![0]!.AsObject().ContainsKey("claims").Should().BeFalse();
        var holder = SigningKey.Generate();

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(await CredentialByIdentifierAsync(wallet, SdJwtConfiguration, holder), holder);

        result.Claims!.AsObject().Select(m => m.Key).Should().Contain(["personal_administrative_number", "sex", "email", "address"]);
    }

    private Uri? _lastOfferUri;

    private async Task<string> IssuerStateOfferAsync(string personId = "kari-nordmann", string[]? configurations = null)
    {
        var created = await CreateOfferAsync(new { personId, authorizationCode = true, credentialConfigurationIds = configurations ?? [SdJwtConfiguration] });
        var wallet = new TestWallet(Http, Clock);
        var offer = await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        offer.PreAuthorizedCode.Should().BeNull();
        CredentialOfferLink.TryParse(created["offerUri"]!.GetValue<string>(), OpenId4VciLimits.Default, out var link, out _);
        _lastOfferUri = link!.OfferUri;
        return offer.AuthorizationCode!.IssuerState!;
    }

    [Fact]
    public async Task Offer_with_issuer_state_binds_the_authorization_request_and_is_used_once_OID4VCI_4_1_1_5_1_3()
    {
        var issuerState = await IssuerStateOfferAsync();

        var code = await CodeAsync(new Dictionary<string, string> { ["issuer_state"] = issuerState });
        var token = await TokenAsync(code);
        var again = await PushAsync(new Dictionary<string, string> { ["issuer_state"] = issuerState });

        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).Should().Contain("issuer_state is unknown, used or expired");
        (await Http.GetAsync(_lastOfferUri)).StatusCode.Should().Be(HttpStatusCode.NotFound, "a redeemed offer is no longer served");
    }

    [Fact]
    public async Task Issuer_state_offer_signed_in_as_another_person_is_access_denied_OID4VCI_5_1_3()
    {
        var issuerState = await IssuerStateOfferAsync("kari-nordmann");
        var requestUri = await RequestUriAsync(new Dictionary<string, string> { ["issuer_state"] = issuerState });

        var redirect = await LoginAsync(requestUri, "amina-haddad");

        var query = QueryHelpers.ParseQuery(redirect.Headers.Location!.Query);
        query.Should().NotContainKey("code");
        query["error"].Single().Should().Be("access_denied");
        query["error_description"].Single().Should().Contain("not the person the credential offer was made for");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("other-configuration")]
    [InlineData("expired")]
    public async Task Pushed_request_with_an_unusable_issuer_state_is_invalid_request_OID4VCI_5_1_3(string scenario)
    {
        var issuerState = scenario == "unknown" ? "no-such-issuer-state" : await IssuerStateOfferAsync(configurations: [MdocConfiguration]);
        if (scenario == "expired")
        {
            Clock.Advance(TimeSpan.FromMinutes(11));
        }

        var response = await PushAsync(new Dictionary<string, string> { ["issuer_state"] = issuerState, ["scope"] = scenario == "expired" ? MdocConfiguration : SdJwtConfiguration });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidRequest);
    }

    [Fact]
    public async Task Issuer_state_is_not_a_pre_authorized_code_OID4VCI_6_1()
    {
        var issuerState = await IssuerStateOfferAsync();
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(CredentialOfferLink.ByValue(new CredentialOffer { CredentialIssuer = IssuerFactory.IssuerUrl, CredentialConfigurationIds = [SdJwtConfiguration], PreAuthorizedCode = new PreAuthorizedCodeGrant(issuerState) }).ToUri());

        var token = await wallet.RequestTokenAsync();

        (await TestWallet.ErrorAsync(token)).Should().Be(OAuthErrors.InvalidGrant);
    }

    [Theory]
    [InlineData("claims", "authorizationCode")]
    [InlineData("txCode", "txCode")]
    public async Task Authorization_code_offer_needs_a_person_and_no_tx_code(string variant, string problem)
    {
        using var api = Factory.CreateApiClient();
        object body = variant == "claims"
            ? new { authorizationCode = true, claims = new { family_name = "X", given_name = "Y", birthdate = "1990-01-01", nationalities = new[] { "NO" } } }
            : new { authorizationCode = true, txCode = true, personId = "kari-nordmann" };

        var response = await api.PostAsJsonAsync("/api/offers", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![problem].Should().NotBeNull();
    }

    [Theory]
    [InlineData("wrong-verifier")]
    [InlineData("wrong-redirect")]
    [InlineData("wrong-client")]
    [InlineData("reused-code")]
    [InlineData("expired-code")]
    [InlineData("dpop-key-not-dpop-jkt")]
    public async Task Token_request_breaking_a_code_rule_is_invalid_grant_RFC6749_4_1_3_RFC7636_4_6(string scenario)
    {
        var overrides = scenario == "dpop-key-not-dpop-jkt" ? new Dictionary<string, string> { ["dpop_jkt"] = SigningKey.Generate().PublicJwk.ComputeThumbprintBase64Url() } : null;
        var code = await CodeAsync(overrides);
        if (scenario == "reused-code")
        {
            (await TokenAsync(code)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        if (scenario == "expired-code")
        {
            Clock.Advance(TimeSpan.FromSeconds(61));
        }

        var response = scenario switch
        {
            "wrong-verifier" => await TokenAsync(code, verifier: Pkce.CreateVerifier()),
            "wrong-redirect" => await TokenAsync(code, redirectUri: "https://wallet.example/other"),
            "wrong-client" => await TokenAsync(code, clientId: "other-wallet"),
            _ => await TokenAsync(code),
        };

        (await TestWallet.ErrorAsync(response)).Should().Be(OAuthErrors.InvalidGrant, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("no-pkce", OAuthErrors.InvalidRequest)]
    [InlineData("plain-pkce", OAuthErrors.InvalidRequest)]
    [InlineData("request-uri", OAuthErrors.InvalidRequest)]
    [InlineData("unknown-scope", OAuthErrors.InvalidScope)]
    [InlineData("unknown-details", "invalid_authorization_details")]
    [InlineData("token-response-type", OAuthErrors.InvalidRequest)]
    public async Task Invalid_pushed_request_is_rejected_RFC9126_2_3(string scenario, string error)
    {
        var response = scenario switch
        {
            "no-pkce" => await PushAsync(remove: ["code_challenge", "code_challenge_method"]),
            "plain-pkce" => await PushAsync(new Dictionary<string, string> { ["code_challenge_method"] = "plain", ["code_challenge"] = _verifier }),
            "request-uri" => await PushAsync(new Dictionary<string, string> { ["request_uri"] = "urn:ietf:params:oauth:request_uri:x" }),
            "unknown-scope" => await PushAsync(new Dictionary<string, string> { ["scope"] = "openid email" }),
            "unknown-details" => await PushAsync(new Dictionary<string, string> { ["authorization_details"] = """[{"type":"openid_credential","credential_configuration_id":"UniversityDegree"}]""" }),
            "token-response-type" => await PushAsync(new Dictionary<string, string> { ["response_type"] = "token" }),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TestWallet.ErrorAsync(response)).Should().Be(error);
    }

    [Theory]
    [InlineData("no-request-uri")]
    [InlineData("unknown-request-uri")]
    [InlineData("other-client")]
    [InlineData("used-request-uri")]
    [InlineData("expired-request-uri")]
    public async Task Authorization_endpoint_accepts_only_a_live_pushed_request_of_the_same_client_RFC9126_4(string scenario)
    {
        var requestUri = await RequestUriAsync();
        var clientId = ClientId;
        switch (scenario)
        {
            case "no-request-uri": requestUri = string.Empty; break;
            case "unknown-request-uri": requestUri = "urn:ietf:params:oauth:request_uri:unknown"; break;
            case "other-client": clientId = "other"; break;
            case "used-request-uri": (await LoginAsync(requestUri)).StatusCode.Should().Be(HttpStatusCode.Redirect); break;
            case "expired-request-uri": Clock.Advance(TimeSpan.FromSeconds(91)); break;
        }

        var page = await Http.GetAsync($"/authorize?client_id={clientId}&request_uri={Uri.EscapeDataString(requestUri)}");

        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.Headers.Location.Should().BeNull("errors before the request is validated are never redirected");
    }
}

/// <summary>Without the development login (the default) the authorization endpoint has no user authentication and refuses.</summary>
public sealed class AuthorizationWithoutLoginTests : IssuerTestBase
{
    [Fact]
    public async Task Authorization_endpoint_refuses_without_a_configured_user_authentication()
    {
        var requestUri = await PushMinimalAuthorizationRequestAsync();

        var page = await Http.GetAsync($"/authorize?client_id=w&request_uri={Uri.EscapeDataString(requestUri)}");
        var login = await Http.PostAsync("/authorize/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["request_uri"] = requestUri, ["person_id"] = "kari-nordmann" }));

        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        login.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Http.GetAsync("/authorize/upstream/callback?code=x&state=y")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Http.GetAsync("/authorize/upstream/complete")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
