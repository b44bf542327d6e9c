using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.SdJwt;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Re-issuance without the person (ARF ISSU_42, HAIP 1.0 §4.4, OpenID4VCI 1.0 §14.5): DPoP-bound refresh tokens
/// (RFC 9449 §5) with rotation and reuse detection (RFC 6749 §6, RFC 9700 §4.14.2), a grant bounded by the consent
/// lifetime and revocable through the agency API, and fresh unlinkable batches with the same values (ISSU_43).
/// </summary>
public sealed class RefreshTokenTests() : IssuerTestBase(new Dictionary<string, string?>
{
    ["Issuer:EnableDevelopmentLogin"] = "true",
    ["Issuer:RefreshTokenLifetime"] = "00:10:00",
})
{
    private const string ClientId = "test-wallet";
    private const string RedirectUri = "https://wallet.example/cb";
    private const string PersonId = "kari-nordmann";

    private readonly SigningKey _dpopKey = SigningKey.Generate();
    private string? _dpopNonce;

    /// <summary>PAR, development login, PKCE, token: the token response of the authorization code grant.</summary>
    private async Task<JsonNode> AuthorizeAsync(string scope = SdJwtConfiguration + " " + MdocConfiguration)
    {
        var verifier = Pkce.CreateVerifier();
        var form = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["code_challenge"] = Pkce.ComputeChallenge(verifier),
            ["code_challenge_method"] = "S256",
            ["scope"] = scope,
        };
        var pushed = await Http.PostAsync("/par", new FormUrlEncodedContent(form));
        var pushedBody = await pushed.Content.ReadAsStringAsync();
        pushed.StatusCode.Should().Be(HttpStatusCode.Created, pushedBody);
        var requestUri = JsonNode.Parse(pushedBody)!["request_uri"]!.GetValue<string>();
        var redirect = await (await LoginPage.OpenAsync(Http, requestUri, ClientId)).SubmitAsync(Http, PersonId);
        redirect.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var code = QueryHelpers.ParseQuery(redirect.Headers.Location!.Query)["code"].Single()!;

        var response = await TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier, ["client_id"] = ClientId });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>A token request with a DPoP proof of <paramref name="key"/>, answering one nonce challenge (RFC 9449 §8).</summary>
    private async Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form, SigningKey? key = null)
    {
        async Task<HttpResponseMessage> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = new FormUrlEncodedContent(form) };
            request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(key ?? _dpopKey, "POST", new Uri(IssuerFactory.IssuerUrl + "/token"), Clock.GetUtcNow(), _dpopNonce));
            var sent = await Http.SendAsync(request);
            if (sent.Headers.TryGetValues(DpopProof.NonceHeaderName, out var nonces))
            {
                _dpopNonce = nonces.Single();
            }

            return sent;
        }

        var first = await Send();
        return first.StatusCode == HttpStatusCode.BadRequest && await TestWallet.ErrorAsync(first) == OAuthErrors.UseDpopNonce ? await Send() : first;
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken, SigningKey? key = null, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return TokenAsync(form, key);
    }

    private static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }

    private static async Task ShouldFailAsync(HttpResponseMessage response, string error)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await TestWallet.ErrorAsync(response)).Should().Be(error);
    }

    /// <summary>A wallet using <paramref name="tokenResponse"/>'s access token to request a batch of <paramref name="keys"/>.</summary>
    private async Task<IReadOnlyList<string>> BatchAsync(JsonNode tokenResponse, string configurationId, IReadOnlyList<SigningKey> keys)
    {
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(CredentialOfferLink.ByValue(new CredentialOffer { CredentialIssuer = IssuerFactory.IssuerUrl, CredentialConfigurationIds = [configurationId] }).ToUri());
        wallet.UseToken(_dpopKey, tokenResponse["access_token"]!.GetValue<string>(), _dpopNonce!);
        return await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(configurationId, keys));
    }

    [Fact]
    public async Task Refresh_returns_a_new_dpop_bound_access_token_and_a_rotated_refresh_token_RFC6749_6_RFC9449_5()
    {
        var first = await AuthorizeAsync();
        var refreshToken = first["refresh_token"]!.GetValue<string>();

        var refreshed = await OkAsync(await RefreshAsync(refreshToken));

        refreshed["token_type"]!.GetValue<string>().Should().Be("DPoP");
        refreshed["access_token"]!.GetValue<string>().Should().NotBe(first["access_token"]!.GetValue<string>());
        refreshed["refresh_token"]!.GetValue<string>().Should().NotBe(refreshToken);
        (await BatchAsync(refreshed, SdJwtConfiguration, Keys(2))).Should().HaveCount(2);
        var again = await OkAsync(await RefreshAsync(refreshed["refresh_token"]!.GetValue<string>()));
        again["refresh_token"]!.GetValue<string>().Should().NotBe(refreshed["refresh_token"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_is_invalid_grant_and_revokes_the_whole_grant_RFC9700_4_14_2()
    {
        var old = (await AuthorizeAsync())["refresh_token"]!.GetValue<string>();
        var successor = (await OkAsync(await RefreshAsync(old)))["refresh_token"]!.GetValue<string>();

        await ShouldFailAsync(await RefreshAsync(old), OAuthErrors.InvalidGrant);

        await ShouldFailAsync(await RefreshAsync(successor), OAuthErrors.InvalidGrant);
    }

    [Fact]
    public async Task Refresh_with_another_dpop_key_is_invalid_grant_and_leaves_the_token_usable_RFC9449_5()
    {
        var refreshToken = (await AuthorizeAsync())["refresh_token"]!.GetValue<string>();

        await ShouldFailAsync(await RefreshAsync(refreshToken, SigningKey.Generate()), OAuthErrors.InvalidGrant);

        await OkAsync(await RefreshAsync(refreshToken));
    }

    [Fact]
    public async Task Refresh_without_a_dpop_proof_is_invalid_dpop_proof_RFC9449_5()
    {
        var refreshToken = (await AuthorizeAsync())["refresh_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }) };

        var response = await Http.SendAsync(request);

        await ShouldFailAsync(response, OAuthErrors.InvalidDpopProof);
        await OkAsync(await RefreshAsync(refreshToken));
    }

    [Theory]
    [InlineData("unknown-refresh-token", OAuthErrors.InvalidGrant)]
    [InlineData("", OAuthErrors.InvalidRequest)]
    public async Task Unknown_or_missing_refresh_token_is_rejected_RFC6749_5_2(string refreshToken, string error)
    {
        await ShouldFailAsync(await RefreshAsync(refreshToken), error);
    }

    [Fact]
    public async Task A_scope_may_narrow_the_grant_but_not_widen_it_RFC6749_6()
    {
        var refreshToken = (await AuthorizeAsync(SdJwtConfiguration))["refresh_token"]!.GetValue<string>();

        await ShouldFailAsync(await RefreshAsync(refreshToken, scope: MdocConfiguration), OAuthErrors.InvalidScope);

        var narrowed = await OkAsync(await RefreshAsync(refreshToken, scope: SdJwtConfiguration));
        (await BatchAsync(narrowed, SdJwtConfiguration, Keys(1))).Should().ContainSingle();
    }

    [Fact]
    public async Task The_grant_ends_with_the_consent_lifetime_however_often_it_is_rotated_HAIP_4_4()
    {
        var refreshToken = (await AuthorizeAsync())["refresh_token"]!.GetValue<string>();
        Clock.Advance(TimeSpan.FromMinutes(6));
        refreshToken = (await OkAsync(await RefreshAsync(refreshToken)))["refresh_token"]!.GetValue<string>();

        Clock.Advance(TimeSpan.FromMinutes(5));

        await ShouldFailAsync(await RefreshAsync(refreshToken), OAuthErrors.InvalidGrant);
    }

    [Fact]
    public async Task The_agency_api_lists_a_persons_grants_and_revokes_them_when_consent_is_withdrawn()
    {
        var refreshToken = (await AuthorizeAsync())["refresh_token"]!.GetValue<string>();
        using var api = Factory.CreateApiClient();

        var listed = await api.GetFromJsonAsync<JsonArray>($"/api/persons/{PersonId}/grants");
        listed!.Should().ContainSingle();
        listed![0]!["credentialConfigurationIds"]!.AsArray().Select(n => n!.GetValue<string>()).Should().BeEquivalentTo([SdJwtConfiguration, MdocConfiguration]);
        listed[0]!["clientId"]!.GetValue<string>().Should().Be(ClientId);
        listed[0]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["grantId", "clientId", "credentialConfigurationIds", "grantedAt", "lastRefreshedAt", "expiresAt"], "no token, hash or key is exposed");

        var revoked = await api.PostAsync($"/api/persons/{PersonId}/grants/revoke", null);
        (await OkAsync(revoked))["revokedGrants"]!.GetValue<int>().Should().Be(1);

        await ShouldFailAsync(await RefreshAsync(refreshToken), OAuthErrors.InvalidGrant);
        (await api.GetFromJsonAsync<JsonArray>($"/api/persons/{PersonId}/grants"))!.Should().BeEmpty();
    }

    [Theory]
    [InlineData("GET", "/api/persons/kari-nordmann/grants")]
    [InlineData("POST", "/api/persons/kari-nordmann/grants/revoke")]
    public async Task The_grant_endpoints_of_the_agency_api_need_an_api_key(string method, string path)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_pre_authorized_code_grant_gets_no_refresh_token_OID4VCI_6_2()
    {
        var offer = await CreateOfferAsync(new { personId = PersonId, credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());

        var token = await OkAsync(await wallet.RequestTokenAsync());

        token["access_token"].Should().NotBeNull();
        token["refresh_token"].Should().BeNull();
    }

    [Fact]
    public async Task Metadata_announces_the_refresh_grant_and_a_once_only_reuse_policy_per_configuration_ARF_ISSU_39_40_45()
    {
        var server = JsonNode.Parse(await Http.GetStringAsync("/.well-known/oauth-authorization-server"))!;
        server["grant_types_supported"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain("refresh_token");

        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(CredentialOfferLink.ByValue(new CredentialOffer { CredentialIssuer = IssuerFactory.IssuerUrl, CredentialConfigurationIds = [SdJwtConfiguration] }).ToUri());
        foreach (var configuration in wallet.Metadata!.CredentialConfigurations.Values)
        {
            var policy = configuration.ReusePolicy!;
            policy.Id.Should().Be("arf_annex_ii");
            var option = policy.Options.Should().ContainSingle().Subject;
            option.Details.Should().Equal("once_only");
            option.BatchSize.Should().Be(5, "the test issuer's Issuer:BatchSize");
            option.ReissueTriggerUnused.Should().Be(2);
            option.ReissueTriggerLifetimeLeft.Should().Be(TimeSpan.FromDays(7), "a tenth of the 90-day credential lifetime is more than the 7-day cap");
        }
    }

    [Fact]
    public async Task Each_refresh_issues_a_fresh_unlinkable_sd_jwt_batch_with_the_same_values_ARF_ISSU_43()
    {
        var refreshToken = (await AuthorizeAsync())["refresh_token"]!.GetValue<string>();
        var firstToken = await OkAsync(await RefreshAsync(refreshToken));
        var first = await BatchAsync(firstToken, SdJwtConfiguration, Keys(3));
        var second = await BatchAsync(await OkAsync(await RefreshAsync(firstToken["refresh_token"]!.GetValue<string>())), SdJwtConfiguration, Keys(3));

        var parsed = first.Concat(second).Select(c =>
        {
            SdJwt.TryParse(c, SdJwtLimits.Default, out var sdJwt, out var error).Should().BeTrue(error?.ToString());
            return sdJwt!;
        }).ToList();

        // Same values: every credential discloses the same claim names and values.
        // Disclosures of objects and arrays hold the digests of their own elements, which must differ, so leaf values are compared.
        var values = parsed.Select(p => string.Join("|", p.Disclosures.Where(d => d.Value.ValueKind is not (System.Text.Json.JsonValueKind.Object or System.Text.Json.JsonValueKind.Array)).Select(d => d.ClaimName + "=" + d.Value.GetRawText()).Order(StringComparer.Ordinal))).Distinct().ToList();
        values.Should().ContainSingle("all six credentials carry identical values");

        // Unlinkable: no salt, digest, status index or signature repeats across the two batches (or within one).
        parsed.SelectMany(p => p.Disclosures.Select(d => d.Salt)).Should().OnlyHaveUniqueItems();
        parsed.SelectMany(p => p.IssuerSignedJwt.Payload.GetProperty("_sd").EnumerateArray().Select(e => e.GetString())).Should().OnlyHaveUniqueItems();
        parsed.Select(p => p.IssuerSignedJwt.Payload.GetProperty("status").GetProperty("status_list").GetProperty("idx").GetInt32()).Should().OnlyHaveUniqueItems();
        parsed.Select(p => Convert.ToBase64String(p.IssuerSignedJwt.Signature.Span)).Should().OnlyHaveUniqueItems();
        parsed.Select(p => p.IssuerSignedJwt.Payload.GetProperty("cnf").GetRawText()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Each_refresh_issues_a_fresh_unlinkable_mdoc_batch_with_the_same_values_ARF_ISSU_43()
    {
        var refreshToken = (await AuthorizeAsync())["refresh_token"]!.GetValue<string>();
        var firstToken = await OkAsync(await RefreshAsync(refreshToken));
        var first = await BatchAsync(firstToken, MdocConfiguration, Keys(2));
        var second = await BatchAsync(await OkAsync(await RefreshAsync(firstToken["refresh_token"]!.GetValue<string>())), MdocConfiguration, Keys(2));

        var parsed = first.Concat(second).Select(c =>
        {
            IssuerSigned.TryParseBase64Url(c, out var issuerSigned, out var error).Should().BeTrue(error?.ToString());
            return issuerSigned!;
        }).ToList();

        // Element order within a namespace is not part of the value, so each document is compared as sorted elements.
        parsed.Select(p => string.Join("|", p.ToJsonNameSpaces().SelectMany(ns => ns.Value!.AsObject().Select(e => ns.Key + "/" + e.Key + "=" + e.Value?.ToJsonString())).Order(StringComparer.Ordinal)))
            .Distinct().Should().ContainSingle("all four documents carry identical values");
        parsed.SelectMany(p => p.NameSpaces.Values.SelectMany(items => items.Select(i => Convert.ToBase64String(i.Random.Span)))).Should().OnlyHaveUniqueItems();
        parsed.Select(p => Convert.ToBase64String(p.IssuerAuth.Encoded.Span)).Should().OnlyHaveUniqueItems();
    }
}
