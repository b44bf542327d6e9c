using System.Text.Json;
using Wallet.Core.Claims;
using Wallet.Core.Dcql;
using static Wallet.Core.Tests.Dcql.DcqlTestData;

namespace Wallet.Core.Tests.Dcql;

/// <summary>Every DCQL example of OpenID4VP 1.0 Final parses into the model it describes.</summary>
public class DcqlQuerySpecExampleTests
{
    [Theory]
    [InlineData("simple.json")]
    [InlineData("simple_mdoc.json")]
    [InlineData("multi_credentials.json")]
    [InlineData("credentials_alternatives.json")]
    [InlineData("complex_mdoc.json")]
    [InlineData("claims_alternatives.json")]
    [InlineData("value_matching_simple.json")]
    [InlineData("request", "dcql_jwt_vc.json")]
    [InlineData("request", "dcql_ldp_vc.json")]
    public void Every_spec_example_query_parses_from_text_and_from_a_json_element_OID4VP_6(params string[] file)
    {
        var text = ReadVector(file);

        DcqlQuery.TryParse(text, out var fromText, out var textErrors).Should().BeTrue(string.Join("; ", textErrors));
        using var document = JsonDocument.Parse(text);
        DcqlQuery.TryParse(document.RootElement, out var fromElement, out var elementErrors).Should().BeTrue(string.Join("; ", elementErrors));

        fromElement!.Credentials.Select(c => c.Id).Should().Equal(fromText!.Credentials.Select(c => c.Id));
        textErrors.Should().BeEmpty();
    }

    [Fact]
    public void Simple_example_has_sd_jwt_vc_meta_claims_and_the_defaults_OID4VP_6_1_and_B_3_5()
    {
        var query = LoadQuery("simple.json");

        var credential = query.Credentials.Should().ContainSingle().Subject;
        credential.Id.Should().Be("my_credential");
        credential.Format.Should().Be(DcqlFormats.SdJwtVc);
        credential.Meta.Should().BeOfType<SdJwtVcCredentialQueryMeta>().Which.VctValues.Should().Equal(IdentityCredentialVct);
        credential.Claims.Select(c => c.Path).Should().Equal(ClaimPath.Of("last_name"), ClaimPath.Of("first_name"), ClaimPath.Of("address", "street_address"));
        credential.Multiple.Should().BeFalse();
        credential.RequireCryptographicHolderBinding.Should().BeTrue();
        credential.TrustedAuthorities.Should().BeEmpty();
        credential.ClaimSets.Should().BeEmpty();
        query.CredentialSets.Should().BeEmpty();
    }

    [Fact]
    public void Simple_mdoc_example_has_doctype_and_two_component_paths_OID4VP_B_2_3_and_7_2()
    {
        var query = LoadQuery("simple_mdoc.json");

        var credential = query.Credentials.Should().ContainSingle().Subject;
        credential.Meta.Should().BeOfType<MdocCredentialQueryMeta>().Which.DoctypeValue.Should().Be(MvrcDoctype);
        credential.Claims.Select(c => c.Path).Should().Equal(ClaimPath.Of("org.iso.7367.1", "vehicle_holder"), ClaimPath.Of("org.iso.18013.5.1", "first_name"));
        credential.Claims.Should().OnlyContain(c => c.IntentToRetain == null);
    }

    [Fact]
    public void Multi_credentials_example_mixes_sd_jwt_vc_and_mdoc_OID4VP_6()
    {
        var query = LoadQuery("multi_credentials.json");

        query.Credentials.Select(c => (c.Id, c.Format)).Should().Equal(("pid", DcqlFormats.SdJwtVc), ("mdl", DcqlFormats.MsoMdoc));
    }

    [Fact]
    public void Credentials_alternatives_example_has_a_required_and_an_optional_set_OID4VP_6_2()
    {
        var query = LoadQuery("credentials_alternatives.json");

        query.CredentialSets.Should().HaveCount(2);
        query.CredentialSets[0].Required.Should().BeTrue();
        query.CredentialSets[0].Options.Select(o => string.Join(",", o)).Should().Equal("pid", "other_pid", "pid_reduced_cred_1,pid_reduced_cred_2");
        query.CredentialSets[1].Required.Should().BeFalse();
        query.CredentialSets[1].Options.Should().ContainSingle().Which.Should().Equal("nice_to_have");
    }

    [Fact]
    public void Complex_mdoc_example_has_four_mdoc_queries_and_two_sets_OID4VP_6_2()
    {
        var query = LoadQuery("complex_mdoc.json");

        query.Credentials.Select(c => ((MdocCredentialQueryMeta)c.Meta).DoctypeValue)
            .Should().Equal(MdlDoctype, MdlDoctype, "org.iso.23220.photoid.1", "org.iso.23220.photoid.1");
        query.Credentials[0].Claims.Select(c => c.Id).Should().Equal("given_name", "family_name", "portrait");
        query.CredentialSets.Select(s => s.Required).Should().Equal(true, false);
    }

    [Fact]
    public void Claims_alternatives_example_has_claim_sets_in_order_of_preference_OID4VP_6_4_1()
    {
        var credential = LoadQuery("claims_alternatives.json").Credentials.Single();

        credential.Claims.Select(c => c.Id).Should().Equal("a", "b", "c", "d", "e");
        credential.ClaimSets.Select(o => string.Join(",", o)).Should().Equal("a,c,d,e", "a,b,e");
    }

    [Fact]
    public void Value_matching_example_keeps_the_accepted_values_OID4VP_6_3()
    {
        var claims = LoadQuery("value_matching_simple.json").Credentials.Single().Claims;

        claims[0].Values.Select(v => v.GetString()).Should().Equal("Doe");
        claims[1].Values.Should().BeEmpty();
        claims[3].Values.Select(v => v.GetString()).Should().Equal("90210", "90211");
    }

    [Theory]
    [InlineData("dcql_jwt_vc.json", "jwt_vc_json")]
    [InlineData("dcql_ldp_vc.json", "ldp_vc")]
    public void W3C_example_keeps_its_meta_as_raw_json_OID4VP_B_1_1(string file, string format)
    {
        var credential = LoadQuery("request", file).Credentials.Single();

        credential.Format.Should().Be(format);
        var meta = credential.Meta.Should().BeOfType<OtherFormatCredentialQueryMeta>().Subject;
        meta.IsEmpty.Should().BeFalse();
        meta.Json.GetProperty("type_values")[0][0].GetString().Should().Be("IDCredential");
    }

    [Fact]
    public void Trusted_authorities_examples_of_the_spec_parse_OID4VP_6_1_1()
    {
        var entries = InlineExamples("Authority Key Identifier")
            .Concat(InlineExamples("ETSI Trusted List"))
            .Concat(InlineExamples("OpenID Federation"))
            .ToArray();
        entries.Should().HaveCount(3);
        var json = $$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]},"trusted_authorities":[{{string.Join(",", entries.Select(e => e.GetRawText()))}}]}]}""";

        var authorities = Parse(json).Credentials.Single().TrustedAuthorities;

        authorities.Select(a => a.Type).Should().Equal(TrustedAuthorityTypes.Aki, TrustedAuthorityTypes.EtsiTrustedList, TrustedAuthorityTypes.OpenIdFederation);
        authorities[0].Values.Should().Equal("s9tIpPmhxdiuNkHMEWNpYim8S8Y");
    }

    [Fact]
    public void Unknown_members_are_ignored_OID4VP_6()
    {
        var query = Parse("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"],"future":1},"future":{"x":[1]},"claims":[{"path":["x"],"future":true}]}],"future":"y"}""");

        query.Credentials.Single().Claims.Single().Path.Should().Be(ClaimPath.Of("x"));
    }

    [Fact]
    public void Explicit_flags_override_the_defaults_OID4VP_6_1_and_6_2()
    {
        var query = Parse("""{"credentials":[{"id":"a","format":"mso_mdoc","meta":{"doctype_value":"d"},"multiple":true,"require_cryptographic_holder_binding":false,"claims":[{"path":["n","e"],"intent_to_retain":true}]}],"credential_sets":[{"options":[["a"]],"required":false}]}""");

        var credential = query.Credentials.Single();
        credential.Multiple.Should().BeTrue();
        credential.RequireCryptographicHolderBinding.Should().BeFalse();
        credential.Claims.Single().IntentToRetain.Should().BeTrue();
        query.CredentialSets.Single().Required.Should().BeFalse();
    }

    [Fact]
    public void Empty_meta_object_is_accepted_for_other_formats_OID4VP_6_1()
    {
        var credential = Parse("""{"credentials":[{"id":"a","format":"jwt_vc_json","meta":{}}]}""").Credentials.Single();

        credential.Meta.Should().BeOfType<OtherFormatCredentialQueryMeta>().Which.IsEmpty.Should().BeTrue();
        credential.Claims.Should().BeEmpty();
    }
}
