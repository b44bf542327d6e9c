using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Dcql;
using static Wallet.Core.Tests.Dcql.DcqlTestData;

namespace Wallet.Core.Tests.Dcql;

/// <summary>Wallet-side matching of the OpenID4VP 1.0 DCQL examples against synthetic held credentials (§6.4).</summary>
public class DcqlMatcherTests
{
    [Fact]
    public void Simple_example_selects_the_credential_and_the_three_requested_paths_OID4VP_6_4_1()
    {
        var result = DcqlMatcher.Match(LoadQuery("simple.json"), [Mdl(), Identity()]);

        result.CanBeSatisfied.Should().BeTrue();
        result.RequestedCredentialQueryIds.Should().Equal("my_credential");
        var candidate = result.CredentialQueries.Single().Candidates.Should().ContainSingle().Subject;
        candidate.CredentialIndex.Should().Be(1);
        candidate.ClaimSetIndex.Should().BeNull();
        candidate.PathsToDisclose.Should().Equal(ClaimPath.Of("last_name"), ClaimPath.Of("first_name"), ClaimPath.Of("address", "street_address"));
        result.CredentialQueries.Single().Rejected.Should().ContainSingle()
            .Which.Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.FormatMismatch);
    }

    [Fact]
    public void Credential_lacking_a_requested_claim_is_not_a_candidate_and_the_query_fails_OID4VP_6_4_1_and_6_4_2()
    {
        var claims = IdentityClaims();
        ((JsonObject)claims["address"]!).Remove("street_address");

        var result = DcqlMatcher.Match(LoadQuery("simple.json"), [Identity(claims)]);

        result.CanBeSatisfied.Should().BeFalse();
        result.RequestedCredentialQueryIds.Should().BeEmpty();
        result.Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.CredentialMissing);
        var rejected = result.CredentialQueries.Single().Rejected.Should().ContainSingle().Subject;
        rejected.Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.ClaimMissing);
        rejected.Errors[0].Message.Should().Contain("credentials[0].claims[2]").And.Contain("address/street_address");
    }

    [Fact]
    public void Simple_mdoc_example_selects_the_vehicle_registration_by_doctype_and_namespace_element_paths_OID4VP_B_2_3_and_7_2()
    {
        var result = DcqlMatcher.Match(LoadQuery("simple_mdoc.json"), [Mdl(), Mvrc()]);

        result.CanBeSatisfied.Should().BeTrue();
        var match = result.CredentialQueries.Single();
        match.Candidates.Should().ContainSingle().Which.Credential.Doctype.Should().Be(MvrcDoctype);
        match.Rejected.Should().ContainSingle().Which.Errors.Select(e => e.Code)
            .Should().Equal(DcqlErrorCodes.DoctypeMismatch, DcqlErrorCodes.ClaimMissing, DcqlErrorCodes.ClaimMissing);
    }

    [Fact]
    public void Multi_credentials_example_needs_both_credentials_OID4VP_6_4_2()
    {
        var query = LoadQuery("multi_credentials.json");

        var both = DcqlMatcher.Match(query, [Identity(), Mvrc()]);
        var onlyOne = DcqlMatcher.Match(query, [Identity()]);

        both.CanBeSatisfied.Should().BeTrue();
        both.RequestedCredentialQueryIds.Should().Equal("pid", "mdl");
        onlyOne.CanBeSatisfied.Should().BeFalse();
        onlyOne.RequestedCredentialQueryIds.Should().BeEmpty();
        onlyOne.Errors.Should().ContainSingle().Which.Message.Should().Contain("'mdl'");
    }

    [Fact]
    public void Credentials_alternatives_example_prefers_the_first_satisfiable_option_OID4VP_6_4_2()
    {
        var query = LoadQuery("credentials_alternatives.json");
        var reduced1 = Identity(vct: "https://credentials.example.com/reduced_identity_credential");
        var reduced2 = Identity(vct: "https://cred.example/residence_credential");

        var withPid = DcqlMatcher.Match(query, [reduced1, reduced2, Identity()]);
        var withoutPid = DcqlMatcher.Match(query, [reduced1, reduced2]);

        withPid.CredentialSets[0].SatisfiableOptions.Should().Equal(0, 2);
        withPid.RequestedCredentialQueryIds.Should().Equal("pid");
        withoutPid.CanBeSatisfied.Should().BeTrue();
        withoutPid.CredentialSets[0].SelectedOption.Should().Be(2);
        withoutPid.CredentialSets[1].IsSatisfiable.Should().BeFalse();
        withoutPid.RequestedCredentialQueryIds.Should().Equal("pid_reduced_cred_1", "pid_reduced_cred_2");
    }

    [Fact]
    public void Credentials_alternatives_example_includes_the_optional_set_when_it_can_be_satisfied_OID4VP_6_2()
    {
        var rewards = Identity(new JsonObject { ["rewards_number"] = 1234 }, vct: "https://company.example/company_rewards");

        var result = DcqlMatcher.Match(LoadQuery("credentials_alternatives.json"), [Identity(), rewards]);

        result.RequestedCredentialQueryIds.Should().Equal("pid", "nice_to_have");
    }

    [Fact]
    public void Credentials_alternatives_example_fails_when_no_option_of_the_required_set_is_complete_OID4VP_6_4_2()
    {
        var result = DcqlMatcher.Match(LoadQuery("credentials_alternatives.json"), [Identity(vct: "https://credentials.example.com/reduced_identity_credential")]);

        result.CanBeSatisfied.Should().BeFalse();
        result.RequestedCredentialQueryIds.Should().BeEmpty();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(DcqlErrorCodes.CredentialSetUnsatisfied);
        error.Message.Should().Contain("credential_sets[0]").And.Contain("option 2 lacks 'pid_reduced_cred_2'");
    }

    [Fact]
    public void Complex_mdoc_example_uses_one_mdl_for_identity_and_address_OID4VP_6_2()
    {
        var result = DcqlMatcher.Match(LoadQuery("complex_mdoc.json"), [Mdl()]);

        result.CanBeSatisfied.Should().BeTrue();
        result.RequestedCredentialQueryIds.Should().Equal("mdl-id", "mdl-address");
        result.TryGetCredentialQueryMatch("mdl-address", out var address).Should().BeTrue();
        address!.Candidates.Single().PathsToDisclose.Should().Equal(
            ClaimPath.Of(MdlNamespace, "resident_address"), ClaimPath.Of(MdlNamespace, "resident_country"));
    }

    [Fact]
    public void Complex_mdoc_example_drops_the_optional_address_set_when_it_cannot_be_met_OID4VP_6_4_2()
    {
        var result = DcqlMatcher.Match(LoadQuery("complex_mdoc.json"), [Mdl(withAddress: false)]);

        result.CanBeSatisfied.Should().BeTrue();
        result.RequestedCredentialQueryIds.Should().Equal("mdl-id");
        result.CredentialSets[1].SelectedOption.Should().BeNull();
    }

    [Fact]
    public void Claims_alternatives_example_takes_the_first_option_when_every_claim_is_held_OID4VP_6_4_1()
    {
        var candidate = DcqlMatcher.Match(LoadQuery("claims_alternatives.json"), [Identity()]).CredentialQueries.Single().Candidates.Single();

        candidate.ClaimSetIndex.Should().Be(0);
        candidate.Claims.Select(c => c.Id).Should().Equal("a", "c", "d", "e");
    }

    [Fact]
    public void Claims_alternatives_example_falls_back_to_the_second_option_OID4VP_6_4_1()
    {
        var candidate = DcqlMatcher.Match(LoadQuery("claims_alternatives.json"), [IdentityWithout("locality")]).CredentialQueries.Single().Candidates.Single();

        candidate.ClaimSetIndex.Should().Be(1);
        candidate.PathsToDisclose.Should().Equal(ClaimPath.Of("last_name"), ClaimPath.Of("postal_code"), ClaimPath.Of("date_of_birth"));
    }

    [Fact]
    public void Claims_alternatives_example_rejects_a_credential_satisfying_no_option_OID4VP_6_4_1()
    {
        var match = DcqlMatcher.Match(LoadQuery("claims_alternatives.json"), [IdentityWithout("locality", "postal_code")]).CredentialQueries.Single();

        match.Candidates.Should().BeEmpty();
        var error = match.Rejected.Single().Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(DcqlErrorCodes.ClaimSetUnsatisfied);
        error.Message.Should().Contain("option 0 lacks 'c'").And.Contain("option 1 lacks 'b'");
    }

    [Theory]
    [InlineData("Doe", "90210", true)]
    [InlineData("Doe", "90211", true)]
    [InlineData("Doe", "10115", false)]
    [InlineData("Dow", "90210", false)]
    public void Value_matching_example_accepts_only_the_listed_values_OID4VP_6_4_1(string lastName, string postalCode, bool matches)
    {
        var claims = IdentityClaims();
        claims["last_name"] = lastName;
        claims["postal_code"] = postalCode;

        var match = DcqlMatcher.Match(LoadQuery("value_matching_simple.json"), [Identity(claims)]).CredentialQueries.Single();

        match.IsSatisfiable.Should().Be(matches);
        if (!matches)
        {
            match.Rejected.Single().Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.ClaimValueMismatch);
        }
    }

    [Theory]
    [InlineData("""90210""")]
    [InlineData("""["90210"]""")]
    [InlineData("""{"code":"90210"}""")]
    public void Value_of_another_json_type_does_not_match_OID4VP_6_4_1(string postalCodeJson)
    {
        var claims = IdentityClaims();
        claims["postal_code"] = JsonNode.Parse(postalCodeJson);

        var match = DcqlMatcher.Match(LoadQuery("value_matching_simple.json"), [Identity(claims)]).CredentialQueries.Single();

        match.Rejected.Single().Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.ClaimValueMismatch);
    }

    [Fact]
    public void Pid_sd_jwt_vc_matches_integer_and_array_element_values_PID_rule_book_4_1_1_and_OID4VP_6_4_1()
    {
        var query = Parse($$"""
            {"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]},"claims":[
              {"path":["family_name"]},{"path":["given_name"]},{"path":["birthdate"]},
              {"path":["address","locality"]},{"path":["nationalities",null],"values":["FR"]},{"path":["sex"],"values":[1,2]}]}]}
            """);

        var result = DcqlMatcher.Match(query, [PidCredential()]);

        result.CanBeSatisfied.Should().BeTrue();
        result.CredentialQueries.Single().Candidates.Single().PathsToDisclose.Should().Contain(
            new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.AllElements]));
    }

    [Fact]
    public void Pid_of_a_type_extending_urn_eudi_pid_1_matches_OID4VP_B_3_5()
    {
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]} }]}""");
        var domestic = DcqlCredential.ForSdJwtVc("urn:eudi:pid:de:1", PidClaims(), true, extendedVcts: [PidVct]);
        var unrelated = DcqlCredential.ForSdJwtVc("urn:eudi:pid:de:1", PidClaims(), true);

        var result = DcqlMatcher.Match(query, [domestic, unrelated]);

        var match = result.CredentialQueries.Single();
        match.Candidates.Single().CredentialIndex.Should().Be(0);
        match.Rejected.Single().Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.VctMismatch);
    }

    [Fact]
    public void Query_without_claims_discloses_nothing_selectively_disclosable_OID4VP_6_4_1()
    {
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]} }]}""");

        var candidate = DcqlMatcher.Match(query, [PidCredential()]).CredentialQueries.Single().Candidates.Single();

        candidate.Claims.Should().BeEmpty();
        candidate.PathsToDisclose.Should().BeEmpty();
    }

    [Fact]
    public void Pid_mdoc_matches_and_carries_intent_to_retain_PID_rule_book_3_1_and_OID4VP_B_2_4()
    {
        var query = Parse($$"""
            {"credentials":[{"id":"pid","format":"mso_mdoc","meta":{"doctype_value":"{{PidNamespace}}"},"claims":[
              {"path":["{{PidNamespace}}","family_name"],"intent_to_retain":false},
              {"path":["{{PidNamespace}}","birth_date"],"intent_to_retain":true},
              {"path":["{{PidNamespace}}","nationality"]}]}]}
            """);

        var candidate = DcqlMatcher.Match(query, [PidMdoc(), Mdl()]).CredentialQueries.Single().Candidates.Single();

        candidate.Credential.Doctype.Should().Be(PidNamespace);
        candidate.Claims.Select(c => c.IntentToRetain).Should().Equal(false, true, null);
    }

    [Fact]
    public void Mdoc_element_in_another_namespace_is_missing_OID4VP_7_2()
    {
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"mso_mdoc","meta":{"doctype_value":"{{PidNamespace}}"},"claims":[{"path":["{{MdlNamespace}}","family_name"]}]}]}""");

        var match = DcqlMatcher.Match(query, [PidMdoc()]).CredentialQueries.Single();

        match.Rejected.Single().Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.ClaimMissing);
    }

    [Fact]
    public void Claims_path_pointer_examples_select_the_spec_example_credential_OID4VP_7_4()
    {
        var credential = InlineExamples("Claims Path Pointer Example").Single();
        var query = Parse("""
            {"credentials":[{"id":"c","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.com/identity_credential"]},"claims":[
              {"path":["name"]},{"path":["address"]},{"path":["address","street_address"]},
              {"path":["degrees",null,"type"]},{"path":["nationalities",1]}]}]}
            """);

        var result = DcqlMatcher.Match(query, [Identity((JsonObject)JsonNode.Parse(credential.GetRawText())!)]);

        result.CanBeSatisfied.Should().BeTrue();
    }

    [Theory]
    [InlineData("""["nationalities",2]""")]
    [InlineData("""["name","first"]""")]
    [InlineData("""["address",0]""")]
    [InlineData("""["degrees","type"]""")]
    public void Path_selecting_nothing_or_crossing_a_wrong_type_is_a_missing_claim_OID4VP_7_1_1(string path)
    {
        var credential = InlineExamples("Claims Path Pointer Example").Single();
        var query = Parse($$"""{"credentials":[{"id":"c","format":"dc+sd-jwt","meta":{"vct_values":["{{IdentityCredentialVct}}"]},"claims":[{{"{\"path\":" + path + "}"}}]}]}""");

        var result = DcqlMatcher.Match(query, [Identity((JsonObject)JsonNode.Parse(credential.GetRawText())!)]);

        result.CredentialQueries.Single().Rejected.Single().Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.ClaimMissing);
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(true, true, true)]
    [InlineData(false, false, true)]
    public void Holder_binding_is_required_unless_the_query_waives_it_OID4VP_6_1_and_B_3(bool required, bool held, bool matches)
    {
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]},"require_cryptographic_holder_binding":{{(required ? "true" : "false")}} }]}""");

        var match = DcqlMatcher.Match(query, [PidCredential(holderBinding: held)]).CredentialQueries.Single();

        match.IsSatisfiable.Should().Be(matches);
        if (!matches)
        {
            match.Rejected.Single().Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.HolderBindingMissing);
        }
    }

    [Fact]
    public void Trusted_authorities_select_credentials_from_the_listed_issuer_OID4VP_6_1_1_1()
    {
        var aki = InlineExamples("Authority Key Identifier").Single().GetRawText();
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]},"trusted_authorities":[{{aki}}]}]}""");
        var trusted = PidCredential(trustedAuthorities: [new(TrustedAuthorityTypes.Aki, "s9tIpPmhxdiuNkHMEWNpYim8S8Y")]);
        var otherIssuer = PidCredential(trustedAuthorities: [new(TrustedAuthorityTypes.Aki, "AAAAAAAAAAAAAAAAAAAAAAAAAAA")]);
        var otherType = PidCredential(trustedAuthorities: [new(TrustedAuthorityTypes.EtsiTrustedList, "s9tIpPmhxdiuNkHMEWNpYim8S8Y")]);

        var match = DcqlMatcher.Match(query, [otherIssuer, trusted, otherType, PidCredential()]).CredentialQueries.Single();

        match.Candidates.Single().CredentialIndex.Should().Be(1);
        match.Rejected.Should().HaveCount(3).And.OnlyContain(r => r.Errors.Single().Code == DcqlErrorCodes.TrustedAuthorityMismatch);
    }

    [Fact]
    public void W3C_query_with_type_values_fails_closed_OID4VP_B_1_1()
    {
        var credential = new DcqlCredential("jwt_vc_json", new JsonObject { ["credentialSubject"] = new JsonObject { ["family_name"] = "Doe", ["given_name"] = "John" } }, true);

        var match = DcqlMatcher.Match(LoadQuery("request", "dcql_jwt_vc.json"), [credential]).CredentialQueries.Single();

        match.Rejected.Single().Errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.MetaNotEvaluable);
    }

    [Fact]
    public void Credential_of_a_format_without_typed_meta_matches_an_empty_meta_OID4VP_6_1()
    {
        var query = Parse("""{"credentials":[{"id":"vc","format":"jwt_vc_json","meta":{},"claims":[{"path":["credentialSubject","family_name"]}]}]}""");
        var credential = new DcqlCredential("jwt_vc_json", new JsonObject { ["credentialSubject"] = new JsonObject { ["family_name"] = "Doe" } }, true);

        DcqlMatcher.Match(query, [credential]).CanBeSatisfied.Should().BeTrue();
    }

    [Fact]
    public void Matching_does_not_see_later_changes_to_the_claims_given()
    {
        var claims = PidClaims();
        var credential = DcqlCredential.ForSdJwtVc(PidVct, claims, true);
        claims.Remove("family_name");
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]},"claims":[{"path":["family_name"]}]}]}""");

        DcqlMatcher.Match(query, [credential]).CanBeSatisfied.Should().BeTrue();
    }
}
