using Wallet.Core.OpenId4Vci;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>Credential Offer parsing and serialization (OpenID4VCI 1.0 §4.1).</summary>
public sealed class CredentialOfferTests
{
    private static string Vector(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "oid4vci", name));

    [Fact]
    public void Spec_offer_with_tx_code_description_parses_with_numeric_default_OID4VCI_4_1_1()
    {
        CredentialOffer.TryParse(Vector("credential_offer_pre-authz_code.json"), OpenId4VciLimits.Default, out var offer, out var error).Should().BeTrue(error?.ToString());

        offer!.CredentialIssuer.Should().Be("https://credential-issuer.example.com");
        offer.CredentialConfigurationIds.Should().Equal("UniversityDegreeCredential");
        offer.PreAuthorizedCode!.PreAuthorizedCode.Should().Be("adhjhdjajkdkhjhdj");
        offer.PreAuthorizedCode.TxCode.Should().Be(new TransactionCode(TxCodeInputMode.Numeric, null, "Please provide the one-time code which was sent to your mobile phone via SMS"));
        offer.AuthorizationCode.Should().BeNull();
    }

    [Fact]
    public void Spec_offer_with_tx_code_length_and_several_configurations_parses_OID4VCI_4_1_1()
    {
        CredentialOffer.TryParse(Vector("credential_offer_multiple_credentials.json"), OpenId4VciLimits.Default, out var offer, out _).Should().BeTrue();

        offer!.CredentialConfigurationIds.Should().Equal("UniversityDegreeCredential", "org.iso.18013.5.1.mDL");
        offer.PreAuthorizedCode!.TxCode!.Length.Should().Be(4);
    }

    [Fact]
    public void Empty_tx_code_object_still_means_a_code_is_required_OID4VCI_4_1_1()
    {
        CredentialOffer.TryParse(Vector("credential_offer_by_reference.json"), OpenId4VciLimits.Default, out var offer, out _).Should().BeTrue();

        offer!.PreAuthorizedCode!.TxCode.Should().Be(new TransactionCode());
    }

    [Fact]
    public void Pre_1_0_offer_with_credentials_member_is_rejected_OID4VCI_4_1_1()
    {
        CredentialOffer.TryParse(Vector("haip_credential_offer_sd_jwt_vc_legacy.json"), OpenId4VciLimits.Default, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VciErrorCodes.OfferConfigurationIdsInvalid);
    }

    [Fact]
    public void Offer_round_trips_through_json_with_both_grants_OID4VCI_4_1_1()
    {
        var offer = new CredentialOffer
        {
            CredentialIssuer = "https://pid.example.no",
            CredentialConfigurationIds = ["pid_sd_jwt", "pid_mdoc"],
            AuthorizationCode = new AuthorizationCodeGrant("state-1"),
            PreAuthorizedCode = new PreAuthorizedCodeGrant("code-1", new TransactionCode(TxCodeInputMode.Numeric, 6, "Kode fra SMS")),
        };

        CredentialOffer.TryParse(offer.ToJson(), OpenId4VciLimits.Default, out var parsed, out _).Should().BeTrue();

        parsed!.CredentialIssuer.Should().Be(offer.CredentialIssuer);
        parsed.CredentialConfigurationIds.Should().Equal(offer.CredentialConfigurationIds);
        parsed.AuthorizationCode.Should().Be(offer.AuthorizationCode);
        parsed.PreAuthorizedCode.Should().Be(offer.PreAuthorizedCode);
        offer.ToJsonObject()["grants"]![PreAuthorizedCodeGrant.GrantType]!["tx_code"]!["input_mode"]!.GetValue<string>().Should().Be("numeric");
    }

    [Theory]
    [InlineData("[]", OpenId4VciErrorCodes.OfferMalformed)]
    [InlineData("{", OpenId4VciErrorCodes.OfferMalformed)]
    [InlineData("""{"credential_issuer":"https://a.example","credential_issuer":"https://b.example","credential_configuration_ids":["x"]}""", OpenId4VciErrorCodes.OfferMalformed)]
    [InlineData("""{"credential_configuration_ids":["x"]}""", OpenId4VciErrorCodes.OfferIssuerInvalid)]
    [InlineData("""{"credential_issuer":"http://issuer.example","credential_configuration_ids":["x"]}""", OpenId4VciErrorCodes.OfferIssuerInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example?x=1","credential_configuration_ids":["x"]}""", OpenId4VciErrorCodes.OfferIssuerInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example#f","credential_configuration_ids":["x"]}""", OpenId4VciErrorCodes.OfferIssuerInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example"}""", OpenId4VciErrorCodes.OfferConfigurationIdsInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":[]}""", OpenId4VciErrorCodes.OfferConfigurationIdsInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x","x"]}""", OpenId4VciErrorCodes.OfferConfigurationIdsInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":[1]}""", OpenId4VciErrorCodes.OfferConfigurationIdsInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x"],"grants":[]}""", OpenId4VciErrorCodes.OfferGrantInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{}}}""", OpenId4VciErrorCodes.OfferGrantInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c","tx_code":{"input_mode":"emoji"}}}}""", OpenId4VciErrorCodes.OfferGrantInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c","tx_code":{"length":0}}}}""", OpenId4VciErrorCodes.OfferGrantInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c","tx_code":[]}}}""", OpenId4VciErrorCodes.OfferGrantInvalid)]
    [InlineData("""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x"],"grants":{"authorization_code":{"issuer_state":5}}}""", OpenId4VciErrorCodes.OfferGrantInvalid)]
    public void Malformed_offer_is_rejected_with_its_code_OID4VCI_4_1_1(string json, string code)
    {
        CredentialOffer.TryParse(json, OpenId4VciLimits.Default, out var offer, out var error).Should().BeFalse();

        offer.Should().BeNull();
        error!.Code.Should().Be(code);
    }

    [Fact]
    public void Tx_code_description_over_300_characters_is_rejected_OID4VCI_4_1_1()
    {
        var json = "{\"credential_issuer\":\"https://issuer.example\",\"credential_configuration_ids\":[\"x\"],\"grants\":{\"urn:ietf:params:oauth:grant-type:pre-authorized_code\":{\"pre-authorized_code\":\"c\",\"tx_code\":{\"description\":\"" + new string('a', 301) + "\"}}}}";

        CredentialOffer.TryParse(json, OpenId4VciLimits.Default, out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(OpenId4VciErrorCodes.OfferGrantInvalid);
    }

    [Fact]
    public void Offer_larger_than_the_limit_is_rejected()
    {
        var json = $$"""{"credential_issuer":"https://issuer.example","credential_configuration_ids":["x"],"pad":"{{new string('a', 2000)}}"}""";

        CredentialOffer.TryParse(json, OpenId4VciLimits.Default with { MaxOfferLength = 1000 }, out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(OpenId4VciErrorCodes.OfferMalformed);
    }

    [Fact]
    public void Link_by_reference_round_trips_and_link_by_value_carries_the_offer_OID4VCI_4_1()
    {
        var byReference = CredentialOfferLink.ByReference(new Uri("https://issuer.example/offers/abc")).ToUri();
        byReference.Should().Be("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Foffers%2Fabc");
        CredentialOfferLink.TryParse(byReference, OpenId4VciLimits.Default, out var link, out _).Should().BeTrue();
        link!.OfferUri.Should().Be(new Uri("https://issuer.example/offers/abc"));
        link.Offer.Should().BeNull();

        CredentialOffer.TryParse(Vector("credential_offer_pre-authz_code.json"), OpenId4VciLimits.Default, out var offer, out _).Should().BeTrue();
        CredentialOfferLink.TryParse(CredentialOfferLink.ByValue(offer!).ToUri("haip-vci://"), OpenId4VciLimits.Default, out var byValue, out _).Should().BeTrue();
        byValue!.Offer!.PreAuthorizedCode.Should().Be(offer!.PreAuthorizedCode);
    }

    [Theory]
    [InlineData("openid-credential-offer://", OpenId4VciErrorCodes.OfferLinkInvalid)]
    [InlineData("openid-credential-offer://?foo=bar", OpenId4VciErrorCodes.OfferLinkInvalid)]
    [InlineData("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example&credential_offer=%7B%7D", OpenId4VciErrorCodes.OfferLinkInvalid)]
    [InlineData("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fa.example&credential_offer_uri=https%3A%2F%2Fb.example", OpenId4VciErrorCodes.OfferLinkInvalid)]
    [InlineData("openid-credential-offer://?credential_offer_uri=http%3A%2F%2Fa.example%2Fo", OpenId4VciErrorCodes.OfferUriInvalid)]
    [InlineData("openid-credential-offer://?credential_offer=%7B%7D", OpenId4VciErrorCodes.OfferIssuerInvalid)]
    public void Malformed_link_is_rejected_OID4VCI_4_1(string link, string code)
    {
        CredentialOfferLink.TryParse(link, OpenId4VciLimits.Default, out _, out var error).Should().BeFalse();
        error!.Code.Should().Be(code);
    }
}
