using System.Net;
using System.Text.Json;
using Wallet.Core.Credentials;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.Trust;

namespace Wallet.Issuer.Tests;

/// <summary>The pre-authorized code flow end to end over HTTP, with a wallet built on Wallet.Core (OpenID4VCI 1.0 §3.5, HAIP 1.0 §4).</summary>
public sealed class PreAuthorizedFlowTests : IssuerTestBase
{
    [Fact]
    public async Task Pid_sd_jwt_vc_is_issued_with_tx_code_and_verifies_against_the_development_iaca_HAIP_6_1_1()
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann", credentialConfigurationIds = new[] { SdJwtConfiguration }, txCode = true });
        var txCode = created["txCode"]!.GetValue<string>();
        txCode.Should().MatchRegex("^[0-9]{6}$");
        var wallet = new TestWallet(Http, Clock);

        var offer = await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        offer.PreAuthorizedCode!.TxCode!.Length.Should().Be(6);
        var token = await wallet.RequestTokenAsync(txCode);
        var tokenBody = await token.Content.ReadAsStringAsync();
        token.StatusCode.Should().Be(HttpStatusCode.OK, tokenBody);
        JsonDocument.Parse(tokenBody).RootElement.GetProperty("token_type").GetString().Should().Be("DPoP");
        var holder = SigningKey.Generate();
        var credentials = await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]));

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credentials.Single(), holder);

        result.Errors.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        result.LevelOfAssurance.Should().Be(LevelOfAssurance.High);
        result.Status.Should().Be(CredentialStatus.Valid);
        result.HolderBinding.IsVerified.Should().BeTrue();
        result.Issuer.Should().Be(IssuerFactory.IssuerUrl);
        result.Claims!["given_name"]!.GetValue<string>().Should().Be("Kari");
        result.Claims["personal_administrative_number"]!.GetValue<string>().Should().Be("12048599937");
    }

    [Fact]
    public async Task Pid_mdoc_is_issued_bound_to_the_proof_key_and_verifies_against_the_development_iaca_ISO18013_5_9_3()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [MdocConfiguration]);
        var holder = SigningKey.Generate();

        var credentials = await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(MdocConfiguration, [holder]));
        var (result, issuerSigned) = await new CredentialVerification(Factory, Http).VerifyMdocAsync(credentials.Single());

        result.Errors.Should().BeEmpty();
        result.DocType.Should().Be(PidMdoc.DocType);
        result.LevelOfAssurance.Should().Be(LevelOfAssurance.High);
        result.StatusReference.Should().NotBeNull();
        issuerSigned.IssuerAuth.MobileSecurityObject.DeviceKey.Jwk.HasSameKey(holder.PublicJwk).Should().BeTrue();
        issuerSigned.ToJsonNameSpaces()[PidMdoc.NameSpace]!["family_name"]!.GetValue<string>().Should().Be("Nordmann");
    }

    [Fact]
    public async Task Pid_issued_in_both_formats_reads_back_to_the_same_record_with_the_same_issuer_chain_PID_Rule_Book_2()
    {
        var wallet = await AuthorizedWalletAsync();
        var holder = SigningKey.Generate();
        var sdJwtCredential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();
        var mdocCredential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(MdocConfiguration, [holder]))).Single();
        var verification = new CredentialVerification(Factory, Http);

        var sdJwt = await verification.VerifySdJwtVcAsync(sdJwtCredential, holder);
        var (mdoc, _) = await verification.VerifyMdocAsync(mdocCredential);

        sdJwt.Errors.Should().BeEmpty();
        mdoc.Errors.Should().BeEmpty();
        var fromSdJwt = sdJwt.ToPid();
        var fromMdoc = mdoc.ToPid();
        fromSdJwt.FamilyName.Should().Be("Nordmann");

        // mdoc has no element for the house number (PID Rule Book §3.1), so it is the one member only SD-JWT VC carries.
        fromMdoc.Should().BeEquivalentTo(fromSdJwt, o => o.Excluding(p => p.Portrait).Excluding(p => p.Address!.HouseNumber));
        (fromMdoc.Portrait?.ToArray() ?? []).Should().Equal(fromSdJwt.Portrait?.ToArray() ?? []);
        mdoc.IssuerChain[^1].RawData.Should().Equal(sdJwt.IssuerChain[^1].RawData, "both chains end at the Issuer's IACA");
        sdJwt.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.Verified);
        mdoc.HolderBinding.Outcome.Should().Be(HolderBindingOutcome.NotRequested, "an issued mdoc has no device authentication yet");
        mdoc.Status.Should().Be(sdJwt.Status);
    }

    [Fact]
    public async Task Batch_of_three_proofs_gives_three_unlinkable_credentials_each_bound_to_its_own_key_OID4VCI_8_2_HAIP_6_1()
    {
        var wallet = await AuthorizedWalletAsync();
        wallet.Metadata!.BatchSize.Should().Be(5);
        var holders = Keys(3);

        var credentials = await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, holders));

        credentials.Should().HaveCount(3);
        var verification = new CredentialVerification(Factory, Http);
        var indices = new List<int>();
        var salts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var result = await verification.VerifySdJwtVcAsync(credentials[i], holders[i]);
            result.Errors.Should().BeEmpty();
            indices.Add(result.StatusReference!.Index);
            SdJwt.TryParse(credentials[i], SdJwtLimits.Default, out var sdJwt, out _).Should().BeTrue();
            salts.AddRange(sdJwt!.Disclosures.Select(d => d.Salt));
            sdJwt.IssuerSignedJwt.Payload.GetProperty("cnf").GetProperty("jwk").GetProperty("x").GetString().Should().Be(holders[i].PublicJwk.ToJsonObject()["x"]!.GetValue<string>());
        }

        indices.Should().OnlyHaveUniqueItems("each credential has its own status-list index (HAIP 1.0 §6.1)");
        salts.Should().OnlyHaveUniqueItems("every disclosure of every credential has a fresh salt");
    }

    [Fact]
    public async Task Batch_of_mdocs_gives_one_mdoc_per_device_key_OID4VCI_8_2()
    {
        var wallet = await AuthorizedWalletAsync(configurations: [MdocConfiguration]);
        var holders = Keys(2);

        var credentials = await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(MdocConfiguration, holders));

        var verification = new CredentialVerification(Factory, Http);
        var first = await verification.VerifyMdocAsync(credentials[0]);
        var second = await verification.VerifyMdocAsync(credentials[1]);
        first.Result.Errors.Should().BeEmpty();
        second.Result.Errors.Should().BeEmpty();
        first.IssuerSigned.IssuerAuth.MobileSecurityObject.DeviceKey.Jwk.HasSameKey(holders[0].PublicJwk).Should().BeTrue();
        second.IssuerSigned.IssuerAuth.MobileSecurityObject.DeviceKey.Jwk.HasSameKey(holders[1].PublicJwk).Should().BeTrue();
        first.Result.StatusReference!.Index.Should().NotBe(second.Result.StatusReference!.Index);
    }

    [Theory]
    [InlineData("kari-nordmann")]
    [InlineData("amina-haddad")]
    [InlineData("yusuf-stateless")]
    [InlineData("partial-birthdate")]
    [InlineData("ola-minor")]
    public async Task Every_synthetic_person_is_issuable_in_both_formats_PID_RuleBook_2(string personId)
    {
        var wallet = await AuthorizedWalletAsync(personId);
        var holder = SigningKey.Generate();
        var verification = new CredentialVerification(Factory, Http);

        var sdJwt = await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]));
        var mdoc = await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(MdocConfiguration, [SigningKey.Generate()]));

        var sdJwtResult = await verification.VerifySdJwtVcAsync(sdJwt.Single(), holder);
        sdJwtResult.Errors.Should().BeEmpty();
        (await verification.VerifyMdocAsync(mdoc.Single())).Result.Errors.Should().BeEmpty();
        switch (personId)
        {
            case "amina-haddad":
                sdJwtResult.Claims!.ContainsKey("personal_administrative_number").Should().BeFalse();
                break;
            case "yusuf-stateless":
                sdJwtResult.Claims!["nationalities"]!.ToJsonString().Should().Be("""["QS"]""");
                break;
            case "partial-birthdate":
                sdJwtResult.Claims!["birthdate"]!.GetValue<string>().Should().Be("1969-01-01", "a year-only birth date is completed to 1 January (specs/issuer.md)");
                break;
        }
    }

    [Fact]
    public async Task Inline_claims_from_the_agency_are_issued_as_given()
    {
        var claims = new Dictionary<string, object>
        {
            ["family_name"] = "Berg",
            ["given_name"] = "Nora",
            ["birthdate"] = "2001-02-03",
            ["place_of_birth"] = new { locality = "Bodø" },
            ["nationalities"] = new[] { "NO" },
        };
        var created = await CreateOfferAsync(new { claims, credentialConfigurationIds = new[] { SdJwtConfiguration } });
        var wallet = new TestWallet(Http, Clock);
        await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var holder = SigningKey.Generate();

        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();
        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);

        result.Errors.Should().BeEmpty();
        result.Claims!["given_name"]!.GetValue<string>().Should().Be("Nora");
        result.Claims["place_of_birth"]!["locality"]!.GetValue<string>().Should().Be("Bodø");
        result.Claims["issuing_country"]!.GetValue<string>().Should().Be("NO");
    }

    [Fact]
    public async Task Offer_is_served_by_reference_as_json_until_redeemed_OID4VCI_4_1_3()
    {
        var created = await CreateOfferAsync(new { personId = "kari-nordmann" });
        var link = created["offerUri"]!.GetValue<string>();
        link.Should().StartWith("openid-credential-offer://?credential_offer_uri=");
        var wallet = new TestWallet(Http, Clock);
        var offer = await wallet.ResolveOfferAsync(link);
        offer.CredentialConfigurationIds.Should().BeEquivalentTo([SdJwtConfiguration, MdocConfiguration]);
        offer.PreAuthorizedCode!.TxCode.Should().BeNull();

        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);

        var again = await Http.GetAsync($"/credential-offers/{created["offerId"]!.GetValue<string>()}");
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
