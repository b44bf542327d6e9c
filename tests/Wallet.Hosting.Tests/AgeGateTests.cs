using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Client;
using Wallet.Core.AgeVerification;
using Wallet.Core.Mdoc;
using Wallet.Core.Trust;
using Wallet.Issuer.Authentication;

namespace Wallet.Hosting.Tests;

/// <summary>
/// Issue 13 §2: the age verification attestation (<c>eu.europa.ec.av.1</c>) issued from the built-in register as a batch,
/// and the Verifier's age gate (<c>/api/age-checks</c>), end to end with Wallet.Client: obtain, present, decide.
/// </summary>
public sealed class AgeGateTests : IAsyncLifetime
{
    private const string AgeConfiguration = "proof_of_age";
    private const string PidConfiguration = "eu.europa.ec.eudi.pid_mso_mdoc";
    private const string Adult = "kari-nordmann";
    private const string Minor = "ola-minor";

    private AgencyHost _host = null!;

    // The agency lowered the level for the age attestation only (Annex A.3 of the EU Age Verification profile: substantial).
    public async Task InitializeAsync() => _host = await AgencyHost.StartAsync(
        defaultRegister: true,
        configureIssuer: o => o.CredentialConfigurations[AgeConfiguration] = new() { MinimumLevelOfAssurance = LevelOfAssurance.Substantial });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private WalletClientOptions WalletOptions() => new()
    {
        VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([_host.VerifierRequestSigningRoot], name: "agency verifier")),
    };

    private async Task<IReadOnlyList<StoredCredential>> ObtainAsync(InMemoryCredentialStore store, string personId, string configuration, int count)
    {
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), store);
        var offer = await _host.PostApiAsync("/pid/api/offers", new { personId, credentialConfigurationIds = new[] { configuration } }, AgencyHost.IssuerApiKey);
        var resolved = await issuance.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
        var session = await issuance.RedeemPreAuthorizedCodeAsync(resolved, txCode: null);
        return await issuance.RequestCredentialsAsync(session, configuration, count);
    }

    private async Task<(string TransactionId, string RequestUri)> CreateAgeCheckAsync(int age)
    {
        var created = await _host.PostApiAsync("/api/age-checks", new { age_over = age }, AgencyHost.VerifierApiKey);
        return (created["transactionId"]!.GetValue<string>(), created["authorizationRequestUri"]!.GetValue<string>());
    }

    private async Task<JsonNode> PresentToAgeGateAsync(InMemoryCredentialStore store, int age)
    {
        var (transactionId, requestUri) = await CreateAgeCheckAsync(age);
        await new OpenId4VpClient(_host.Http, WalletOptions(), store).RespondAsync(requestUri);
        return await _host.GetApiAsync($"/api/age-checks/{transactionId}", AgencyHost.VerifierApiKey);
    }

    [Fact]
    public async Task Adult_gets_a_batch_of_single_use_attestations_and_the_gate_answers_yes_and_nothing_else()
    {
        var store = new InMemoryCredentialStore();

        var batch = await ObtainAsync(store, Adult, AgeConfiguration, count: 3);

        // A batch: each attestation its own device key, so presentations of different ones cannot be linked by key.
        batch.Should().HaveCount(3).And.AllBeOfType<StoredMdoc>();
        batch.Select(c => c.Type).Should().AllBe(AgeVerificationAttestation.DocType);
        batch.Select(c => Convert.ToHexString(c.HolderKey.PublicJwk.ComputeThumbprint())).Distinct().Should().HaveCount(3);

        var (transactionId, requestUri) = await CreateAgeCheckAsync(18);
        await new OpenId4VpClient(_host.Http, WalletOptions(), store).RespondAsync(requestUri);
        var answer = await _host.GetApiAsync($"/api/age-checks/{transactionId}", AgencyHost.VerifierApiKey);

        answer.ToJsonString().Should().Be("""{"status":"decided","ageOver":18,"over":true,"errors":[]}""");

        // Even the full result of the transaction holds the one statement and no name or birth date.
        var full = await _host.GetApiAsync($"/api/presentations/{transactionId}", AgencyHost.VerifierApiKey);
        var claims = full["credentials"]!["age"]!.AsArray().Single()!["claims"]!;
        claims.ToJsonString().Should().Be("""{"eu.europa.ec.av.1":{"age_over_18":true}}""");
    }

    [Fact]
    public async Task Minor_in_the_register_is_refused_with_the_under_age_code()
    {
        var store = new InMemoryCredentialStore();
        await ObtainAsync(store, Minor, AgeConfiguration, count: 1);

        var answer = await PresentToAgeGateAsync(store, 18);

        answer["status"]!.GetValue<string>().Should().Be("decided");
        answer["over"]!.GetValue<bool>().Should().BeFalse();
        answer["errors"]![0]!["code"]!.GetValue<string>().Should().Be(AgeGateErrorCodes.UnderAge);
    }

    [Fact]
    public async Task A_wallet_with_only_a_PID_cannot_answer_the_gate_because_the_PID_has_no_age_statement_PID_Rule_Book_1_1()
    {
        var store = new InMemoryCredentialStore();
        await ObtainAsync(store, Adult, PidConfiguration, count: 1);
        var (transactionId, requestUri) = await CreateAgeCheckAsync(18);

        var respond = () => new OpenId4VpClient(_host.Http, WalletOptions(), store).RespondAsync(requestUri);

        // The wallet answers access_denied (OpenID4VP 1.0 §8.5); the gate says no with that reason, never a birth date.
        await respond.Should().ThrowAsync<WalletFlowException>();
        var answer = await _host.GetApiAsync($"/api/age-checks/{transactionId}", AgencyHost.VerifierApiKey);
        answer["over"]!.GetValue<bool>().Should().BeFalse();
        answer["errors"]![0]!["code"]!.GetValue<string>().Should().Be("verifier.wallet_error");
        answer.ToJsonString().Should().NotContain("birth");
    }

    [Fact]
    public async Task Age_check_is_pending_until_the_wallet_answers()
    {
        var (transactionId, _) = await CreateAgeCheckAsync(16);

        var answer = await _host.GetApiAsync($"/api/age-checks/{transactionId}", AgencyHost.VerifierApiKey);

        answer.ToJsonString().Should().Be("""{"status":"pending","ageOver":16,"errors":[]}""");
    }

    [Theory]
    [InlineData("""{"age_over":17}""", "api.invalid_member")]
    [InlineData("""{"age_over":"18"}""", "api.invalid_member")]
    [InlineData("""{}""", "api.missing_member")]
    [InlineData("""{"age_over":18,"dcql_query":{}}""", "api.invalid_member")]
    [InlineData("""[18]""", "api.invalid_json")]
    public async Task Age_check_request_asks_for_one_supported_age_and_nothing_else(string body, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/age-checks") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", AgencyHost.VerifierApiKey);

        using var response = await _host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]![0]!["code"]!.GetValue<string>().Should().Be(code);
    }

    [Fact]
    public async Task An_ordinary_presentation_transaction_is_not_readable_as_an_age_check()
    {
        var created = await _host.PostApiAsync(
            "/api/presentations",
            new JsonObject { ["dcql_query"] = JsonNode.Parse("""{"credentials":[{"id":"pid","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},"claims":[{"path":["eu.europa.ec.eudi.pid.1","birth_date"]}]}]}""") },
            AgencyHost.VerifierApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/age-checks/{created["transactionId"]!.GetValue<string>()}");
        request.Headers.Add("X-API-Key", AgencyHost.VerifierApiKey);

        using var response = await _host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Age_attestation_is_issued_after_a_sign_in_at_substantial_where_the_agency_configured_it_and_PID_is_not()
    {
        _host.Services.GetRequiredService<AgencyLogin>().SignedIn = new AuthenticatedUser(Adult, LevelOfAssurance.Substantial, "urn:agency:eid:substantial");
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), store);
        var issuer = await issuance.LoadIssuerAsync(AgencyHost.IssuerUrl);

        var session = await issuance.AuthorizeAsync(issuer, [AgeConfiguration], new AgencyLoginUserAgent(_host.Http));
        var issued = await issuance.RequestCredentialsAsync(session, AgeConfiguration);
        var pid = () => issuance.AuthorizeAsync(issuer, [PidConfiguration], new AgencyLoginUserAgent(_host.Http));

        issued.Should().ContainSingle().Which.Type.Should().Be(AgeVerificationAttestation.DocType);
        (await pid.Should().ThrowAsync<WalletFlowException>()).Which.Error.ToString().Should().Contain("access_denied").And.Contain("substantial");
    }
}
