using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Client;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.Trust;
using Wallet.Tests.Databases;

namespace Wallet.Hosting.Tests;

/// <summary>
/// Issue 12, "Storage and many instances": two instances of the Issuer and of the Verifier (one agency app each) on one
/// PostgreSQL database per service, a wallet (Wallet.Client) spreading its requests over both, and the consume-once
/// steps raced on both at once. Every race is repeated <see cref="Rounds"/> times; the seed fixes which instance the
/// caller's copy goes to, so a failing round can be replayed.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const int Rounds = 6;
    private const int Seed = 20261203;
    private const string SdJwtConfiguration = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private const string PidQuery = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["given_name"]}]}]}""";
    private static readonly Uri TokenEndpoint = new(AgencyHost.IssuerUrl + "/token");

    private AgencyHost _a = null!;
    private AgencyHost _b = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        var cluster = await PostgreSqlCluster.SharedAsync();
        _folder = Path.Combine(Path.GetTempPath(), "agency-two-instances", Guid.NewGuid().ToString("N"));
        var shared = new AgencyHost.SharedState(_folder, new AgencyPki(DateTimeOffset.UtcNow), await cluster.CreateDatabaseAsync(), await cluster.CreateDatabaseAsync());

        // One after the other: the first generates the Verifier's development request signer into the shared folder, the
        // second loads it (in production every instance is given the same key files or token).
        _a = await AgencyHost.StartAsync(shared: shared);
        _b = await AgencyHost.StartAsync(shared: shared);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private WalletClientOptions WalletOptions() => new()
    {
        VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([_a.VerifierRequestSigningRoot], name: "agency verifier")),
    };

    private Task<JsonNode> CreateOfferOnAAsync() => _a.PostApiAsync(
        "/pid/api/offers",
        new { personId = AgencyRegister.AdaId, credentialConfigurationIds = new[] { SdJwtConfiguration } },
        AgencyHost.IssuerApiKey);

    private Task<JsonNode> CreatePresentationOnAAsync() => _a.PostApiAsync(
        "/api/presentations",
        new JsonObject { ["dcql_query"] = JsonNode.Parse(PidQuery), ["response_mode"] = "direct_post.jwt" },
        AgencyHost.VerifierApiKey);

    private static HttpClient ClientOf(InstanceRouter router) => new(router) { BaseAddress = new Uri(AgencyHost.Origin) };

    private static int Always(int instance) => instance;

    // OpenID4VCI 1.0 §6 (token), §7 (nonce), §8 (credential); RFC 9449 §8 (DPoP-Nonce); OpenID4VP 1.0 §5.10, §8.2.
    [Fact]
    public async Task A_wallet_whose_requests_land_on_either_instance_gets_a_pid_and_presents_it()
    {
        var alternate = 0;
        using var router = new InstanceRouter(_a, _b, request => request.RequestUri!.AbsolutePath switch
        {
            var p when p.StartsWith("/pid/credential-offers/", StringComparison.Ordinal) => 1,
            "/pid/token" or "/pid/nonce" => 1,
            "/pid/credential" => 0,
            var p when p.StartsWith("/oid4vp/request/", StringComparison.Ordinal) => 0,
            var p when p.StartsWith("/oid4vp/response/", StringComparison.Ordinal) => 1,
            _ => Interlocked.Increment(ref alternate) % 2,
        });
        using var http = ClientOf(router);
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(http, WalletOptions(), store);

        // Offer created on A, fetched from B; token and nonce on B; credential on A with B's DPoP nonce.
        var offer = await issuance.ResolveOfferAsync((await CreateOfferOnAAsync())["offerUri"]!.GetValue<string>());
        var session = await issuance.RedeemPreAuthorizedCodeAsync(offer, txCode: null);
        var issued = await issuance.RequestCredentialsAsync(session, SdJwtConfiguration);

        issued.Should().ContainSingle().Which.Should().BeOfType<StoredSdJwtVc>();
        router.Served.Where(s => s.Path == "/pid/credential").Should().ContainSingle("the DPoP nonce B issued was accepted by A without a new challenge")
            .Which.Should().Be((0, "POST", "/pid/credential", HttpStatusCode.OK));
        router.Served.Where(s => s.Path == "/pid/token").Should().OnlyContain(s => s.Instance == 1);

        // Request object from verifier A, response to verifier B, result read on A.
        var created = await CreatePresentationOnAAsync();
        var presented = await new OpenId4VpClient(http, WalletOptions(), store).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        presented.Presented.Should().ContainSingle().Which.CredentialQueryId.Should().Be("pid");
        router.Served.Should().Contain(s => s.Instance == 0 && s.Path.StartsWith("/oid4vp/request/", StringComparison.Ordinal))
            .And.Contain(s => s.Instance == 1 && s.Path.StartsWith("/oid4vp/response/", StringComparison.Ordinal) && s.Status == HttpStatusCode.OK);
        var result = await _a.GetApiAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
        result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
        result["credentials"]!["pid"]!.AsArray().Single()!["claims"]!["given_name"]!.GetValue<string>().Should().Be(AgencyRegister.Ada.GivenName);
    }

    // OpenID4VCI 1.0 §6.1 and specs/database.md: one pre-authorized code, two wallets redeeming it on both instances at once.
    [Fact]
    public async Task One_pre_authorized_code_redeemed_on_both_instances_at_once_gives_one_token_OpenID4VCI_6_1()
    {
        var random = new Random(Seed);
        for (var round = 0; round < Rounds; round++)
        {
            var link = (await CreateOfferOnAAsync())["offerUri"]!.GetValue<string>();
            var first = random.Next(2);
            var wallets = new List<(OpenId4VciClient Client, ResolvedOffer Offer, HttpClient Http)>();
            foreach (var instance in new[] { first, 1 - first })
            {
                var http = ClientOf(new InstanceRouter(_a, _b, _ => Always(instance)));
                var client = new OpenId4VciClient(http, WalletOptions(), new InMemoryCredentialStore());
                wallets.Add((client, await client.ResolveOfferAsync(link), http));
            }

            var outcomes = await Task.WhenAll(wallets.Select(w => Task.Run(async () =>
            {
                try
                {
                    return (await w.Client.RedeemPreAuthorizedCodeAsync(w.Offer, txCode: null)).AccessToken is { Length: > 0 } ? "token" : "empty";
                }
                catch (WalletFlowException e)
                {
                    return e.Error.Error;
                }
            })));
            foreach (var wallet in wallets)
            {
                wallet.Http.Dispose();
            }

            outcomes.Should().BeEquivalentTo(["token", OAuthErrors.InvalidGrant], $"round {round} (seed {Seed})");
        }
    }

    // RFC 6749 §4.1.2 ("the authorization code MUST NOT be used more than once") and specs/database.md: the code is redeemed
    // on both instances at once, each copy with its own DPoP proof (its own jti) of the key the pushed request bound.
    [Fact]
    public async Task One_authorization_code_redeemed_on_both_instances_at_once_gives_one_token_RFC6749_4_1_2()
    {
        var random = new Random(Seed);
        for (var round = 0; round < Rounds; round++)
        {
            var routed = random.Next(2);
            var dpopKey = SigningKey.Generate();
            using var router = new InstanceRouter(_a, _b, request => IsAuthorizationCodeToken(request) ? routed : 0);

            // The wallet's DPoP key stays inside Wallet.Client; the router binds the pushed request to a key of its own
            // (dpop_jkt) and signs the token requests with it, so that it can sign a second proof for the copy.
            router.Rewrite = (request, body) =>
            {
                if (request.RequestUri!.AbsolutePath == "/pid/par" && body is not null)
                {
                    var form = Form(body);
                    form["dpop_jkt"] = dpopKey.PublicJwk.ComputeThumbprintBase64Url();
                    request.Content = new FormUrlEncodedContent(form);
                }
                else if (IsAuthorizationCodeToken(request))
                {
                    Resign(request, dpopKey, NonceOf(request));
                }

                return Task.CompletedTask;
            };
            router.RaceWhen = (request, body) => IsAuthorizationCodeToken(request) && body!.Contains("grant_type=authorization_code", StringComparison.Ordinal) && NonceOf(request) is not null;
            router.PrepareCopy = (copy, _) => Resign(copy, dpopKey, NonceOf(copy));
            using var http = ClientOf(router);
            var client = new OpenId4VciClient(http, WalletOptions(), new InMemoryCredentialStore());
            var offer = await client.ResolveOfferAsync((await _a.PostApiAsync(
                "/pid/api/offers",
                new { personId = AgencyRegister.AdaId, credentialConfigurationIds = new[] { SdJwtConfiguration }, authorizationCode = true },
                AgencyHost.IssuerApiKey))["offerUri"]!.GetValue<string>());

            try
            {
                await client.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], new AgencyLoginUserAgent(http));
            }
            catch (WalletFlowException e) when (e.Error.Error == OAuthErrors.InvalidGrant)
            {
                // The wallet's own copy lost the race; the other copy must have won.
            }

            var outcomes = router.RaceOutcomes.ToList();
            outcomes.Should().HaveCount(2, $"round {round} (seed {Seed})");
            outcomes.Count(o => o.Status == HttpStatusCode.OK).Should().Be(1, $"round {round}: {string.Join(" | ", outcomes)}");
            var lost = outcomes.Single(o => o.Status != HttpStatusCode.OK);
            lost.Status.Should().Be(HttpStatusCode.BadRequest);
            JsonNode.Parse(lost.Body)!["error"]!.GetValue<string>().Should().Be(OAuthErrors.InvalidGrant);
        }
    }

    // OpenID4VP 1.0 §8.2 and specs/verifier.md (one response per transaction): the same response posted to both at once.
    [Fact]
    public async Task One_response_posted_to_both_verifier_instances_at_once_is_accepted_once_OpenID4VP_8_2()
    {
        var store = new InMemoryCredentialStore();
        using (var issuing = ClientOf(new InstanceRouter(_a, _b, _ => 0)))
        {
            var issuance = new OpenId4VciClient(issuing, WalletOptions(), store);
            var offer = await issuance.ResolveOfferAsync((await CreateOfferOnAAsync())["offerUri"]!.GetValue<string>());
            await issuance.RequestCredentialsAsync(await issuance.RedeemPreAuthorizedCodeAsync(offer, txCode: null), SdJwtConfiguration);
        }

        var random = new Random(Seed);
        for (var round = 0; round < Rounds; round++)
        {
            var routed = random.Next(2);
            using var router = new InstanceRouter(_a, _b, request => IsResponse(request) ? routed : 0)
            {
                RaceWhen = (request, _) => IsResponse(request),
            };
            using var http = ClientOf(router);
            var created = await CreatePresentationOnAAsync();

            try
            {
                await new OpenId4VpClient(http, WalletOptions(), store).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
            }
            catch (WalletFlowException)
            {
                // The wallet's own copy lost the race.
            }

            var outcomes = router.RaceOutcomes.ToList();
            outcomes.Select(o => o.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.BadRequest], $"round {round} (seed {Seed}): {string.Join(" | ", outcomes)}");
            JsonNode.Parse(outcomes.Single(o => o.Status == HttpStatusCode.BadRequest).Body)!["error"]!.GetValue<string>().Should().Be(OAuthErrors.InvalidRequest);
            var result = await _a.GetApiAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
            result["status"]!.GetValue<string>().Should().Be("verified", $"round {round}: the accepted copy was validated once");
        }
    }

    // RFC 9449 §8: a server nonce issued by one instance is accepted by the other (the data-protection key ring is in the
    // shared database); one issued by an issuer with another key ring is not.
    [Fact]
    public async Task A_dpop_nonce_from_one_instance_is_accepted_by_the_other_and_one_from_another_key_ring_is_not_RFC9449_8()
    {
        await using var stranger = await AgencyHost.StartAsync();
        using var toA = ClientOf(new InstanceRouter(_a, _b, _ => 0));
        using var toB = ClientOf(new InstanceRouter(_a, _b, _ => 1));
        var key = SigningKey.Generate();

        var fromB = await ChallengeAsync(toB, key);
        var fromStranger = await ChallengeAsync(stranger.Http, key);
        var code = await PreAuthorizedCodeAsync();

        using (var refused = await TokenRequestAsync(toA, key, code, fromStranger))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!.GetValue<string>().Should().Be(OAuthErrors.UseDpopNonce);
        }

        using var accepted = await TokenRequestAsync(toA, key, code, fromB);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
    }

    private async Task<string> PreAuthorizedCodeAsync()
    {
        var link = (await CreateOfferOnAAsync())["offerUri"]!.GetValue<string>();
        Wallet.Core.OpenId4Vci.CredentialOfferLink.TryParse(link, Wallet.Core.OpenId4Vci.OpenId4VciLimits.Default, out var parsed, out _).Should().BeTrue();
        var offer = JsonNode.Parse(await _a.Http.GetStringAsync(parsed!.OfferUri))!;
        return offer["grants"]![Wallet.Core.OpenId4Vci.PreAuthorizedCodeGrant.GrantType]!["pre-authorized_code"]!.GetValue<string>();
    }

    // A token request without a nonce: the answer is use_dpop_nonce with a fresh DPoP-Nonce.
    private static async Task<string> ChallengeAsync(HttpClient http, SigningKey key)
    {
        using var response = await TokenRequestAsync(http, key, "no-code", nonce: null);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return response.Headers.GetValues(DpopProof.NonceHeaderName).Single();
    }

    private static Task<HttpResponseMessage> TokenRequestAsync(HttpClient http, SigningKey key, string code, string? nonce)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = Wallet.Core.OpenId4Vci.PreAuthorizedCodeGrant.GrantType,
                ["pre-authorized_code"] = code,
            }),
        };
        request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(key, "POST", TokenEndpoint, DateTimeOffset.UtcNow, nonce));
        return http.SendAsync(request);
    }

    private static bool IsAuthorizationCodeToken(HttpRequestMessage request) => request.RequestUri!.AbsolutePath == "/pid/token";

    private static bool IsResponse(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.StartsWith("/oid4vp/response/", StringComparison.Ordinal);

    private static Dictionary<string, string> Form(string body) =>
        body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]), StringComparer.Ordinal);

    private static string? NonceOf(HttpRequestMessage request)
    {
        if (!request.Headers.TryGetValues(DpopProof.HeaderName, out var values))
        {
            return null;
        }

        var payload = values.Single().Split('.')[1];
        using var json = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(payload));
        return json.RootElement.TryGetProperty("nonce", out var nonce) ? nonce.GetString() : null;
    }

    private static void Resign(HttpRequestMessage request, SigningKey key, string? nonce)
    {
        request.Headers.Remove(DpopProof.HeaderName);
        request.Headers.Add(DpopProof.HeaderName, DpopProof.Create(key, "POST", request.RequestUri!, DateTimeOffset.UtcNow, nonce));
    }
}
