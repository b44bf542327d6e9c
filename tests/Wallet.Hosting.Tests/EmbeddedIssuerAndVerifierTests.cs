using System.Net;
using System.Text.Json.Nodes;
using Wallet.Client;
using Wallet.Core.Claims;
using Wallet.Core.OAuth;
using Wallet.Core.Trust;

namespace Wallet.Hosting.Tests;

/// <summary>
/// Issue 11: an agency embeds the Issuer and the Verifier in one app of its own, with its own login, register and keys;
/// a wallet (Wallet.Client) gets a PID from it and presents it back to it.
/// </summary>
public sealed class EmbeddedIssuerAndVerifierTests : IAsyncLifetime
{
    private const string SdJwtConfiguration = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private const string PidQuery = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["given_name"]},{"path":["family_name"]}]}]}""";

    private AgencyHost _host = null!;

    public async Task InitializeAsync() => _host = await AgencyHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private WalletClientOptions WalletOptions() => new()
    {
        VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([_host.VerifierRequestSigningRoot], name: "agency verifier")),
    };

    private async Task<ResolvedOffer> OfferAsync(OpenId4VciClient wallet)
    {
        var offer = await _host.PostApiAsync(
            "/pid/api/offers",
            new { personId = AgencyRegister.AdaId, credentialConfigurationIds = new[] { SdJwtConfiguration }, authorizationCode = true },
            AgencyHost.IssuerApiKey);
        return await wallet.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pid_issued_after_the_agency_login_with_its_keys_and_register_is_verified_by_the_agency_verifier()
    {
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), store);

        // Offer → the agency's own login → token → credential.
        var offer = await OfferAsync(issuance);
        offer.Issuer.CredentialIssuer.Should().Be(AgencyHost.IssuerUrl);
        var session = await issuance.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], new AgencyLoginUserAgent(_host.Http));
        var issued = await issuance.RequestCredentialsAsync(session, SdJwtConfiguration);

        // Signed with the agency's key: its certificate in x5c, chaining to the agency's IACA.
        var credential = issued.Should().ContainSingle().Which.Should().BeOfType<StoredSdJwtVc>().Subject;
        var header = credential.Issued.IssuerSignedJwt.Header;
        header.GetProperty("x5c")[0].GetString().Should().Be(Convert.ToBase64String(_host.Pki.CredentialSigner.CertificateChain[0].RawData));
        if (credential.Issued.IssuerSignedJwt.KeyId is { } kid)
        {
            kid.Should().Be(AgencyPki.CredentialKeyId);
        }

        // The Verifier of the same app, trusting the agency's IACA, verifies a presentation of it.
        var created = await _host.PostApiAsync(
            "/api/presentations",
            new JsonObject { ["dcql_query"] = JsonNode.Parse(PidQuery), ["response_mode"] = "direct_post.jwt" },
            AgencyHost.VerifierApiKey);
        var presented = await new OpenId4VpClient(_host.Http, WalletOptions(), store).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        presented.Presented.Should().ContainSingle().Which.CredentialQueryId.Should().Be("pid");

        var result = await _host.GetApiAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
        result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
        var pid = result["credentials"]!["pid"]!.AsArray().Single()!;
        pid["issuer"]!.GetValue<string>().Should().Be(AgencyHost.IssuerUrl);
        pid["levelOfAssurance"]!.GetValue<string>().Should().Be("high");
        pid["status"]!.GetValue<string>().Should().Be("valid", "the status list is fetched from the same app and signed by the agency's status key");
        pid["claims"]!["given_name"]!.GetValue<string>().Should().Be(AgencyRegister.Ada.GivenName);
        pid["claims"]!["family_name"]!.GetValue<string>().Should().Be(AgencyRegister.Ada.FamilyName);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Wallet_client_asks_for_claims_in_authorization_details_and_gets_only_those_and_the_mandatory_ones_OID4VCI_5_1_1_B_1(bool askForNumber)
    {
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), store);
        var offer = await OfferAsync(issuance);
        var asked = askForNumber ? ClaimPath.Of("personal_administrative_number") : ClaimPath.Of("given_name");

        var session = await issuance.AuthorizeAsync(offer.Issuer, [new CredentialAuthorizationDetail(SdJwtConfiguration, [new RequestedClaim(asked, Mandatory: false)])], new AgencyLoginUserAgent(_host.Http));
        var issued = await issuance.RequestCredentialsAsync(session, SdJwtConfiguration);

        // §6.2: the identifier the token response returned names the credential in the request.
        session.CredentialIdentifiers.Should().Contain(SdJwtConfiguration);
        var names = issued.Should().ContainSingle().Which.Should().BeOfType<StoredSdJwtVc>().Subject.Issued.Disclosures.Select(d => d.ClaimName).ToList();
        names.Should().Contain(["given_name", "family_name", "birthdate", "nationalities", "issuing_authority", "issuing_country"], "the PID Rule Book's mandatory attributes are always issued");
        if (askForNumber)
        {
            names.Should().Contain("personal_administrative_number");
        }
        else
        {
            names.Should().NotContain("personal_administrative_number", "Ada has one, but the wallet did not ask for it");
        }
    }

    [Fact]
    public async Task Wallet_client_asking_for_a_claim_the_configuration_does_not_have_is_refused_at_par_RFC9396_5()
    {
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), new InMemoryCredentialStore());
        var offer = await OfferAsync(issuance);

        var act = () => issuance.AuthorizeAsync(offer.Issuer, [new CredentialAuthorizationDetail(SdJwtConfiguration, [new RequestedClaim(ClaimPath.Of("shoe_size"), Mandatory: false)])], new AgencyLoginUserAgent(_host.Http));

        var error = (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error;
        (error.Step, error.Error).Should().Be((WalletSteps.PushedAuthorizationRequest, "invalid_authorization_details"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Wallet_client_shows_the_payment_and_signs_it_only_when_approved_OID4VP_5_1_B_3_3(bool approve)
    {
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), store);
        var offer = await OfferAsync(issuance);
        var session = await issuance.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], new AgencyLoginUserAgent(_host.Http));
        await issuance.RequestCredentialsAsync(session, SdJwtConfiguration);
        var payment = new JsonObject
        {
            ["type"] = Wallet.Core.OpenId4Vp.TransactionDataType.Payment.Name,
            ["credential_ids"] = new JsonArray("pid"),
            ["payee"] = "City Library",
            ["amount"] = "4.00",
            ["currency"] = "EUR",
        };
        var created = await _host.PostApiAsync(
            "/api/presentations",
            new JsonObject { ["dcql_query"] = JsonNode.Parse(PidQuery), ["response_mode"] = "direct_post.jwt", ["transaction_data"] = new JsonArray(payment) },
            AgencyHost.VerifierApiKey);
        var shown = new List<string>();
        var wallet = new OpenId4VpClient(_host.Http, new WalletClientOptions
        {
            VerifierTrust = WalletOptions().VerifierTrust,
            ApproveTransactionData = items =>
            {
                shown.AddRange(items.Select(i => $"{i.Content["payee"]} {i.Content["amount"]} {i.Content["currency"]}"));
                return approve;
            },
        }, store);

        var act = () => wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        JsonNode result;
        if (approve)
        {
            var presented = await act();
            presented.Presented.Single().SignedTransactionData.Should().Equal(Wallet.Core.OpenId4Vp.TransactionDataType.Payment.Name);
            result = await _host.GetApiAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
            result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
            result["credentials"]!["pid"]![0]!["transactionData"]![0]!["payee"]!.GetValue<string>().Should().Be("City Library");
        }
        else
        {
            (await act.Should().ThrowAsync<WalletFlowException>()).Which.Error.Error.Should().Be(WalletClientErrors.ConsentDenied);
            result = await _host.GetApiAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
            result["status"]!.GetValue<string>().Should().Be("rejected", "the wallet answered access_denied");
            result["credentials"]!.AsObject().Should().BeEmpty();
        }

        shown.Should().Equal("City Library 4.00 EUR");
    }

    [Fact]
    public async Task Wallet_client_shows_the_pid_name_and_claim_labels_in_en_and_nb_from_the_issuers_type_metadata_4_5()
    {
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), new InMemoryCredentialStore());
        var offer = await OfferAsync(issuance);
        var session = await issuance.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], new AgencyLoginUserAgent(_host.Http));
        var credential = (StoredSdJwtVc)(await issuance.RequestCredentialsAsync(session, SdJwtConfiguration)).Single();
        var registry = new Wallet.Core.TypeMetadata.HttpTypeMetadataSource(_host.Http, TimeProvider.System, new() { Registry = new Uri(AgencyHost.IssuerUrl + "/type-metadata") });

        var result = await credential.ResolveTypeMetadataAsync(new Wallet.Core.TypeMetadata.TypeMetadataProcessor([registry]));

        credential.VctIntegrity.Should().Be(Wallet.Core.SdJwtVc.PidTypeMetadata.Integrity);
        result.Errors.Should().BeEmpty();
        var metadata = result.Metadata!;
        metadata.DisplayFor("nb")!.Locale.Should().StartWith("nb");
        metadata.DisplayFor("en")!.Locale.Should().StartWith("en");
        metadata.DisplayFor("nb")!.Name.Should().NotBe(metadata.DisplayFor("en")!.Name);
        var givenName = Wallet.Core.Claims.ClaimPath.Of("given_name");
        metadata.LabelFor(givenName, "nb")!.Label.Should().Be("Fornavn");
        metadata.LabelFor(givenName, "en")!.Label.Should().Be("Given name");
    }

    [Fact]
    public async Task Verifier_with_type_metadata_required_verifies_the_pid_against_the_issuers_document_4_7()
    {
        await using var host = await AgencyHost.StartAsync(typeMetadata: true);
        var options = new WalletClientOptions { VerifierTrust = new X509ChainValidator(TrustAnchorStore.FromCertificates([host.VerifierRequestSigningRoot], name: "agency verifier")) };
        var store = new InMemoryCredentialStore();
        var issuance = new OpenId4VciClient(host.Http, options, store);
        var offerCreated = await host.PostApiAsync(
            "/pid/api/offers",
            new { personId = AgencyRegister.AdaId, credentialConfigurationIds = new[] { SdJwtConfiguration }, authorizationCode = true },
            AgencyHost.IssuerApiKey);
        var offer = await issuance.ResolveOfferAsync(offerCreated["offerUri"]!.GetValue<string>());
        var session = await issuance.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], new AgencyLoginUserAgent(host.Http));
        await issuance.RequestCredentialsAsync(session, SdJwtConfiguration);

        var created = await host.PostApiAsync(
            "/api/presentations",
            new JsonObject { ["dcql_query"] = JsonNode.Parse(PidQuery), ["response_mode"] = "direct_post.jwt" },
            AgencyHost.VerifierApiKey);
        await new OpenId4VpClient(host.Http, options, store).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var result = await host.GetApiAsync($"/api/presentations/{created["transactionId"]!.GetValue<string>()}", AgencyHost.VerifierApiKey);
        result["status"]!.GetValue<string>().Should().Be("verified", result.ToJsonString());
    }

    [Fact]
    public async Task Wallet_client_refuses_type_metadata_whose_bytes_do_not_match_vct_integrity_5()
    {
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), new InMemoryCredentialStore());
        var offer = await OfferAsync(issuance);
        var session = await issuance.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], new AgencyLoginUserAgent(_host.Http));
        var credential = (StoredSdJwtVc)(await issuance.RequestCredentialsAsync(session, SdJwtConfiguration)).Single();
        var altered = new Wallet.Core.TypeMetadata.LocalTypeMetadataRegistry(new Dictionary<string, ReadOnlyMemory<byte>>
        {
            [credential.Vct] = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Wallet.Core.SdJwtVc.PidTypeMetadata.Document.Span) + " "),
        });

        var result = await credential.ResolveTypeMetadataAsync(new Wallet.Core.TypeMetadata.TypeMetadataProcessor([altered]));

        result.Metadata.Should().BeNull();
        result.Errors.Select(e => e.Code).Should().Contain(Wallet.Core.TypeMetadata.TypeMetadataErrorCodes.IntegrityMismatch);
    }

    [Fact]
    public async Task A_wrong_password_at_the_agency_login_gives_the_wallet_no_code()
    {
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), new InMemoryCredentialStore());
        var offer = await OfferAsync(issuance);
        var userAgent = new AgencyLoginUserAgent(_host.Http, password: "wrong");

        var authorize = () => issuance.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], userAgent);

        (await authorize.Should().ThrowAsync<WalletFlowException>()).Which.Error.Step.Should().Be(WalletSteps.Authorize);
        userAgent.LoginResponse!.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        userAgent.LoginResponse.Headers.Location.Should().BeNull();
    }

    [Fact]
    public async Task Wallet_client_renews_its_batch_with_the_rotated_refresh_token_ARF_ISSU_42_45_RFC6749_6()
    {
        var issuance = new OpenId4VciClient(_host.Http, WalletOptions(), new InMemoryCredentialStore());
        var offer = await OfferAsync(issuance);
        var session = await issuance.AuthorizeAsync(offer.Issuer, [SdJwtConfiguration], new AgencyLoginUserAgent(_host.Http));
        var configuration = offer.Issuer.Metadata.CredentialConfigurations[SdJwtConfiguration];
        var batch = await issuance.RequestCredentialsAsync(session, SdJwtConfiguration, count: 3);
        var spent = session.RefreshToken;
        spent.Should().NotBeNull("the authorization code grant of a DPoP-bound wallet gets a refresh token");

        // Three of a batch of three left: not due; after two presentations one is left, at or below the trigger of two.
        OpenId4VciClient.IsReissuanceDue(configuration, unused: batch.Count, expiresAt: null, now: DateTimeOffset.UnixEpoch).Should().BeFalse();
        OpenId4VciClient.IsReissuanceDue(configuration, unused: 1, expiresAt: null, now: DateTimeOffset.UnixEpoch).Should().BeTrue();

        var renewed = await issuance.RefreshAsync(session);

        renewed.AccessToken.Should().NotBe(session.AccessToken);
        renewed.RefreshToken.Should().NotBeNull().And.NotBe(spent);
        (await issuance.RequestCredentialsAsync(renewed, SdJwtConfiguration, count: 3)).Should().HaveCount(3);

        // The old session gave up its spent token, so it cannot be presented twice by this wallet; the new one rotates again.
        session.RefreshToken.Should().BeNull();
        (await FluentActions.Awaiting(() => issuance.RefreshAsync(session)).Should().ThrowAsync<WalletFlowException>()).Which.Error.Step.Should().Be(WalletSteps.Token);
        var current = renewed.RefreshToken;
        (await issuance.RefreshAsync(renewed)).RefreshToken.Should().NotBeNull().And.NotBe(current);
    }

    [Fact]
    public async Task Issuer_and_verifier_routes_live_side_by_side_in_the_one_app()
    {
        var metadata = JsonNode.Parse(await _host.Http.GetStringAsync("/.well-known/openid-credential-issuer/pid"))!;
        var health = await _host.Http.GetAsync("/health");

        metadata["credential_issuer"]!.GetValue<string>().Should().Be(AgencyHost.IssuerUrl);
        metadata["credential_endpoint"]!.GetValue<string>().Should().Be(AgencyHost.IssuerUrl + "/credential");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_agency_openapi_document_lives_under_the_issuer_path_and_lists_only_the_agency_api()
    {
        var document = JsonNode.Parse(await _host.Http.GetStringAsync("/pid/api/openapi/agency.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        paths.Should().Contain("/pid/api/offers");
        paths.Should().OnlyContain(p => p.StartsWith("/pid/api/", StringComparison.Ordinal), "the Verifier's /api routes and the protocol endpoints are not the agency API");
    }
}
