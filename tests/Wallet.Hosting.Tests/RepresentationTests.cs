using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wallet.Client;
using Wallet.Core.Representation;
using Wallet.Core.Trust;

namespace Wallet.Hosting.Tests;

/// <summary>
/// Issue 13 §1 and §2 end to end over HTTP with Wallet.Client: the register's representation relations, the agency API
/// that offers the Power of Representation attestation to the representative's wallet and revokes it, the represented
/// person's withdrawal, and the Verifier's representation check (PID and representation together, RepresentationPolicy).
/// A parent gets their PID and the representation for their child (<c>kari-for-ola</c> in the built-in register) and
/// acts for the child; each negative case ends with its own code.
/// </summary>
public sealed class RepresentationTests : IAsyncLifetime
{
    private const string PidSdJwt = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private const string PidMdoc = "eu.europa.ec.eudi.pid_mso_mdoc";
    private const string PorSdJwt = "eu.europa.ec.eudi.por_vc_sd_jwt";
    private const string PorMdoc = "eu.europa.ec.eudi.por_mso_mdoc";
    private const string Parent = "kari-nordmann";
    private const string ParentForChild = "kari-for-ola";
    private const string School = "school-enrolment";

    private static readonly JsonObject Child = new() { ["family_name"] = "Nordmann", ["given_name"] = "Ola", ["birth_date"] = "2014-06-30" };

    private AgencyHost _host = null!;

    public async Task InitializeAsync() => _host = await AgencyHost.StartAsync(defaultRegister: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private WalletClientOptions WalletOptions() => new()
    {
        VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([_host.VerifierRequestSigningRoot], name: "agency verifier")),
    };

    private async Task<IReadOnlyList<StoredCredential>> RedeemAsync(InMemoryCredentialStore store, JsonNode offer, string configuration)
    {
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), store);
        var resolved = await issuance.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
        var session = await issuance.RedeemPreAuthorizedCodeAsync(resolved, txCode: null);
        return await issuance.RequestCredentialsAsync(session, configuration, 1);
    }

    private async Task ObtainPidAsync(InMemoryCredentialStore store, string personId, string configuration = PidSdJwt) =>
        await RedeemAsync(store, await _host.PostApiAsync("/pid/api/offers", new { personId, credentialConfigurationIds = new[] { configuration } }, AgencyHost.IssuerApiKey), configuration);

    private async Task<IReadOnlyList<StoredCredential>> ObtainRepresentationAsync(InMemoryCredentialStore store, string representationId, string configuration = PorSdJwt) =>
        await RedeemAsync(store, await _host.PostApiAsync($"/pid/api/representations/{representationId}/offers", new { credentialConfigurationIds = new[] { configuration } }, AgencyHost.IssuerApiKey), configuration);

    private async Task<InMemoryCredentialStore> ParentWalletAsync(string pidConfiguration = PidSdJwt, string porConfiguration = PorSdJwt)
    {
        var store = new InMemoryCredentialStore();
        await ObtainPidAsync(store, Parent, pidConfiguration);
        await ObtainRepresentationAsync(store, ParentForChild, porConfiguration);
        return store;
    }

    private async Task<JsonNode> CheckAsync(InMemoryCredentialStore store, string serviceId, JsonObject? represented = null)
    {
        var body = new JsonObject { ["service_id"] = serviceId };
        if (represented is not null)
        {
            body["represented"] = represented.DeepClone();
        }

        var created = await _host.PostApiAsync("/api/representation-checks", body, AgencyHost.VerifierApiKey);
        var transactionId = created["transactionId"]!.GetValue<string>();
        await new OpenId4VpClient(_host.Http, WalletOptions(), store).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        return await _host.GetApiAsync($"/api/representation-checks/{transactionId}", AgencyHost.VerifierApiKey);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body, string? apiKey = AgencyHost.IssuerApiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        return await _host.Http.SendAsync(request);
    }

    private static IEnumerable<string> Codes(JsonNode answer) => answer["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>());

    [Fact]
    public async Task Parent_presents_own_PID_and_the_representation_and_acts_for_the_child_within_the_named_service()
    {
        var store = await ParentWalletAsync();

        var answer = await CheckAsync(store, School, Child);

        answer["status"]!.GetValue<string>().Should().Be("decided");
        answer["accepted"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer["statement"]!.GetValue<string>().Should().Be("Kari Nordmann acts for Ola Nordmann with scope school-enrolment, health-records (parental_responsibility)");
        answer["representative"]!.GetValue<string>().Should().Be("Kari Nordmann");
        answer["represented"]!.GetValue<string>().Should().Be("Ola Nordmann");
        answer["nature"]!.GetValue<string>().Should().Be(RepresentationNatures.ParentalResponsibility);
        Codes(answer).Should().BeEmpty();
    }

    [Fact]
    public async Task Representation_of_a_legal_person_with_full_powers_covers_any_service()
    {
        var store = new InMemoryCredentialStore();
        await ObtainPidAsync(store, "partial-birthdate");
        await ObtainRepresentationAsync(store, "leila-for-nordlys");

        var answer = await CheckAsync(store, "vat-return", new JsonObject { ["legal_name"] = "Nordlys Fiskeri AS", ["legal_person_identifier"] = "NO-999999999" });

        answer["accepted"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer["statement"]!.GetValue<string>().Should().Be("Leila Ahmadi acts for Nordlys Fiskeri AS (NO-999999999) with scope full powers (legal_person_representation)");
    }

    [Fact]
    public async Task Representation_for_someone_else_than_the_party_the_service_deals_with_is_refused()
    {
        var store = await ParentWalletAsync();

        var answer = await CheckAsync(store, School, new JsonObject { ["family_name"] = "Hansen", ["given_name"] = "Per", ["birth_date"] = "2016-01-01" });

        answer["accepted"]!.GetValue<bool>().Should().BeFalse();
        Codes(answer).Should().Equal(RepresentationErrorCodes.RepresentedMismatch);
        answer["statement"].Should().BeNull();
    }

    [Fact]
    public async Task Scope_not_covering_the_relying_partys_service_is_refused()
    {
        var store = await ParentWalletAsync();

        var answer = await CheckAsync(store, "bank-account", Child);

        Codes(answer).Should().Equal(RepresentationErrorCodes.ScopeNotCovered);
    }

    [Fact]
    public async Task Representative_who_is_not_the_person_of_the_presented_PID_is_refused()
    {
        // Amina holds her own PID and a copy of Kari's representation for Ola (the offer was redeemed in her wallet).
        var store = new InMemoryCredentialStore();
        await ObtainPidAsync(store, "amina-haddad");
        await ObtainRepresentationAsync(store, ParentForChild);

        var answer = await CheckAsync(store, School, Child);

        Codes(answer).Should().Equal(RepresentationErrorCodes.RepresentativeNotPidPerson);
    }

    [Fact]
    public async Task Representation_revoked_by_the_agency_is_refused_and_no_longer_offered()
    {
        var store = await ParentWalletAsync();

        using var revoke = await PostAsync($"/pid/api/representations/{ParentForChild}/revoke", new { });
        var revoked = JsonNode.Parse(await revoke.Content.ReadAsStringAsync())!;
        var answer = await CheckAsync(store, School, Child);
        using var offerAgain = await PostAsync($"/pid/api/representations/{ParentForChild}/offers", new { });

        revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        revoked["endedBy"]!.GetValue<string>().Should().Be("agency");
        revoked["revokedCredentialIds"]!.AsArray().Should().ContainSingle();
        Codes(answer).Should().StartWith(RepresentationErrorCodes.Revoked).And.Contain("sd_jwt_vc.revoked");
        offerAgain.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Power_of_attorney_withdrawn_by_the_represented_person_with_their_withdrawal_code_is_refused()
    {
        using var create = await PostAsync("/pid/api/representations", new
        {
            nature = RepresentationNatures.PowerOfAttorney,
            representativePersonId = Parent,
            representedPersonId = "yusuf-stateless",
            eServices = new[] { "tax-return" },
            effectiveFrom = "2026-01-01",
        });
        var created = JsonNode.Parse(await create.Content.ReadAsStringAsync())!;
        var id = created["representationId"]!.GetValue<string>();
        var code = created["withdrawalCode"]!.GetValue<string>();
        var store = new InMemoryCredentialStore();
        await ObtainPidAsync(store, Parent);
        await ObtainRepresentationAsync(store, id);

        // The withdrawal is the represented person's: no API key, their code; a wrong code changes nothing.
        using var wrong = await PostAsync($"/pid/api/representations/{id}/withdrawal", new { withdrawalCode = "not-the-code" }, apiKey: null);
        using var withdraw = await PostAsync($"/pid/api/representations/{id}/withdrawal", new { withdrawalCode = code }, apiKey: null);
        var withdrawn = JsonNode.Parse(await withdraw.Content.ReadAsStringAsync())!;
        var after = await CheckAsync(store, "tax-return");
        var relation = await _host.GetApiAsync($"/pid/api/representations/{id}", AgencyHost.IssuerApiKey);

        create.StatusCode.Should().Be(HttpStatusCode.Created);
        wrong.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withdraw.StatusCode.Should().Be(HttpStatusCode.OK);
        withdrawn["revokedCredentialIds"]!.AsArray().Should().ContainSingle();
        Codes(after).Should().StartWith(RepresentationErrorCodes.Revoked);
        relation["endedBy"]!.GetValue<string>().Should().Be("represented");
    }

    [Fact]
    public async Task Relation_past_its_last_effective_day_is_not_offered_and_one_not_yet_effective_is_refused_by_the_verifier()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task<string> RegisterAsync(DateOnly from, DateOnly? until)
        {
            using var response = await PostAsync("/pid/api/representations", new { nature = RepresentationNatures.PowerOfAttorney, representativePersonId = Parent, representedPersonId = "amina-haddad", fullPowers = true, effectiveFrom = from, effectiveUntil = until });
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["representationId"]!.GetValue<string>();
        }

        var expired = await RegisterAsync(today.AddDays(-30), today.AddDays(-1));
        var future = await RegisterAsync(today.AddDays(7), null);
        using var expiredOffer = await PostAsync($"/pid/api/representations/{expired}/offers", new { });
        var store = new InMemoryCredentialStore();
        await ObtainPidAsync(store, Parent);
        await ObtainRepresentationAsync(store, future);
        var answer = await CheckAsync(store, "any-service");

        expiredOffer.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await expiredOffer.Content.ReadAsStringAsync()).Should().Contain("effective until");
        Codes(answer).Should().Equal(RepresentationErrorCodes.NotYetEffective);
    }

    [Fact]
    public async Task Representation_attestation_is_issued_as_mdoc_too_with_the_por_doctype()
    {
        var store = new InMemoryCredentialStore();

        var issued = await ObtainRepresentationAsync(store, ParentForChild, PorMdoc);

        issued.Should().ContainSingle().Which.Should().BeOfType<StoredMdoc>().Which.Type.Should().Be(PowerOfRepresentationAttestation.DocType);
        var listed = await _host.GetApiAsync($"/pid/api/persons/{Parent}/credentials", AgencyHost.IssuerApiKey);
        listed.AsArray().Select(c => c!["credentialConfigurationId"]!.GetValue<string>()).Should().Equal(PorMdoc);
    }

    [Fact]
    public async Task Representation_attestation_is_offered_only_for_a_relation_and_a_relation_offers_only_the_attestation()
    {
        using var direct = await PostAsync("/pid/api/offers", new { personId = Parent, credentialConfigurationIds = new[] { PorSdJwt } });
        using var pidForRelation = await PostAsync($"/pid/api/representations/{ParentForChild}/offers", new { credentialConfigurationIds = new[] { PidSdJwt } });
        using var unknown = await PostAsync("/pid/api/representations/no-such-relation/offers", new { });
        using var noKey = await PostAsync($"/pid/api/representations/{ParentForChild}/offers", new { }, apiKey: null);

        direct.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await direct.Content.ReadAsStringAsync()).Should().Contain("/api/representations/{id}/offers");
        pidForRelation.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        noKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("""{"nature":"friendship","representativePersonId":"kari-nordmann","representedPersonId":"ola-minor","fullPowers":true,"effectiveFrom":"2026-01-01"}""", "nature")]
    [InlineData("""{"nature":"power_of_attorney","representativePersonId":"nobody","representedPersonId":"ola-minor","fullPowers":true,"effectiveFrom":"2026-01-01"}""", "representativePersonId")]
    [InlineData("""{"nature":"power_of_attorney","representativePersonId":"kari-nordmann","representedPersonId":"kari-nordmann","fullPowers":true,"effectiveFrom":"2026-01-01"}""", "representedPersonId")]
    [InlineData("""{"nature":"power_of_attorney","representativePersonId":"kari-nordmann","representedPersonId":"ola-minor","legalName":"X AS","legalPersonIdentifier":"1","fullPowers":true,"effectiveFrom":"2026-01-01"}""", "representedPersonId")]
    [InlineData("""{"nature":"power_of_attorney","representativePersonId":"kari-nordmann","representedPersonId":"ola-minor","fullPowers":true,"eServices":["x"],"effectiveFrom":"2026-01-01"}""", "eServices")]
    [InlineData("""{"nature":"power_of_attorney","representativePersonId":"kari-nordmann","representedPersonId":"ola-minor","fullPowers":true}""", "effectiveFrom")]
    [InlineData("""{"nature":"power_of_attorney","representativePersonId":"kari-nordmann","representedPersonId":"ola-minor","fullPowers":true,"effectiveFrom":"2026-01-02","effectiveUntil":"2026-01-01"}""", "effectiveUntil")]
    public async Task Agency_API_refuses_an_ill_formed_relation_naming_the_member(string body, string member)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pid/api/representations") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", AgencyHost.IssuerApiKey);

        using var response = await _host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![member].Should().NotBeNull();
    }

    [Theory]
    [InlineData("""{}""", "api.missing_member")]
    [InlineData("""{"service_id":""}""", "api.invalid_member")]
    [InlineData("""{"service_id":"x","represented":{"family_name":"A"}}""", "api.invalid_member")]
    [InlineData("""{"service_id":"x","dcql_query":{}}""", "api.invalid_member")]
    public async Task Representation_check_request_names_the_service_and_nothing_but_the_represented_party(string body, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/representation-checks") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-API-Key", AgencyHost.VerifierApiKey);

        using var response = await _host.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["code"]!.GetValue<string>().Should().Be(code);
    }

    [Fact]
    public async Task Representation_check_asks_for_PID_and_representation_in_one_credential_set_in_either_format_OpenID4VP_6_2()
    {
        var created = await _host.PostApiAsync("/api/representation-checks", new { service_id = School }, AgencyHost.VerifierApiKey);
        var request = await new OpenId4VpClient(_host.Http, WalletOptions(), new InMemoryCredentialStore()).FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());
        var pending = await _host.GetApiAsync($"/api/representation-checks/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);

        request.DcqlQuery.Json.GetProperty("credential_sets").GetRawText().Should().Be("""[{"options":[["pid","representation"],["pid_mdoc","representation_mdoc"],["pid","representation_mdoc"],["pid_mdoc","representation"]]}]""");
        pending["status"]!.GetValue<string>().Should().Be("pending");
    }

    [Theory]
    [InlineData(PidMdoc, PorMdoc)]
    [InlineData(PidSdJwt, PorMdoc)]
    [InlineData(PidMdoc, PorSdJwt)]
    public async Task Parent_acts_for_the_child_with_mdoc_PID_or_representation_and_gets_the_same_decision_OpenID4VP_6_2(string pid, string representation)
    {
        var store = await ParentWalletAsync(pid, representation);

        var answer = await CheckAsync(store, School, Child);

        answer["accepted"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer["statement"]!.GetValue<string>().Should().Be("Kari Nordmann acts for Ola Nordmann with scope school-enrolment, health-records (parental_responsibility)");
        Codes(answer).Should().BeEmpty();
    }

    [Fact]
    public async Task Mdoc_representation_for_someone_else_is_refused_with_the_same_code_as_SD_JWT_VC()
    {
        var store = await ParentWalletAsync(PidMdoc, PorMdoc);

        var answer = await CheckAsync(store, School, new JsonObject { ["family_name"] = "Hansen", ["given_name"] = "Per", ["birth_date"] = "2016-01-01" });

        Codes(answer).Should().Equal(RepresentationErrorCodes.RepresentedMismatch);
    }

    [Fact]
    public async Task Mdoc_representation_whose_scope_does_not_cover_the_service_is_refused()
    {
        var store = await ParentWalletAsync(PidMdoc, PorMdoc);

        var answer = await CheckAsync(store, "bank-account", Child);

        Codes(answer).Should().Equal(RepresentationErrorCodes.ScopeNotCovered);
    }

    [Fact]
    public async Task Mdoc_representation_held_by_someone_who_is_not_the_representative_is_refused()
    {
        var store = new InMemoryCredentialStore();
        await ObtainPidAsync(store, "amina-haddad", PidMdoc);
        await ObtainRepresentationAsync(store, ParentForChild, PorMdoc);

        var answer = await CheckAsync(store, School, Child);

        Codes(answer).Should().Equal(RepresentationErrorCodes.RepresentativeNotPidPerson);
    }

    [Fact]
    public async Task Mdoc_representation_revoked_by_the_agency_is_refused_with_representation_revoked_first()
    {
        var store = await ParentWalletAsync(PidMdoc, PorMdoc);

        using var revoke = await PostAsync($"/pid/api/representations/{ParentForChild}/revoke", new { });
        var answer = await CheckAsync(store, School, Child);

        revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        Codes(answer).Should().StartWith(RepresentationErrorCodes.Revoked).And.Contain(Wallet.Core.Mdoc.MdocErrorCodes.StatusRevoked);
    }

    [Fact]
    public async Task Mdoc_legal_person_representation_with_full_powers_and_no_eService_is_accepted_through_its_claim_set_OpenID4VP_6_4_1()
    {
        var store = new InMemoryCredentialStore();
        await ObtainPidAsync(store, "partial-birthdate", PidMdoc);
        await ObtainRepresentationAsync(store, "leila-for-nordlys", PorMdoc);

        var answer = await CheckAsync(store, "vat-return", new JsonObject { ["legal_name"] = "Nordlys Fiskeri AS", ["legal_person_identifier"] = "NO-999999999" });

        answer["accepted"]!.GetValue<bool>().Should().BeTrue(answer.ToJsonString());
        answer["statement"]!.GetValue<string>().Should().Be("Leila Ahmadi acts for Nordlys Fiskeri AS (NO-999999999) with scope full powers (legal_person_representation)");
    }
}
