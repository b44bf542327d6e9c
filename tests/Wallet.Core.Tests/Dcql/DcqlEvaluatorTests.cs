using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using static Wallet.Core.Tests.Dcql.DcqlTestData;

namespace Wallet.Core.Tests.Dcql;

/// <summary>Verifier-side check that verified presentations satisfy the query (OpenID4VP 1.0 §6.4, §8.1, §8.6, §14.9).</summary>
public class DcqlEvaluatorTests
{
    private static VerificationError SingleError(DcqlEvaluationResult result)
    {
        result.IsSatisfied.Should().BeFalse();
        return result.Errors.Should().ContainSingle().Subject;
    }

    [Fact]
    public void Presentations_answering_every_query_satisfy_it_OID4VP_8_6()
    {
        var result = DcqlEvaluator.Evaluate(LoadQuery("multi_credentials.json"), Presented(("pid", [Identity()]), ("mdl", [Mvrc()])));

        result.IsSatisfied.Should().BeTrue();
        result.Errors.Should().BeEmpty();
        result.SatisfiedCredentialQueryIds.Should().Equal("pid", "mdl");
    }

    [Fact]
    public void Missing_presentation_without_credential_sets_is_reported_OID4VP_6_4_2()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("multi_credentials.json"), Presented(("pid", [Identity()]))));

        error.Code.Should().Be(DcqlErrorCodes.CredentialMissing);
        error.Message.Should().Contain("'mdl'").And.Contain("credentials[1]");
    }

    [Fact]
    public void Empty_presentation_list_counts_as_missing_OID4VP_8_1()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", []))));

        error.Code.Should().Be(DcqlErrorCodes.CredentialMissing);
    }

    [Fact]
    public void Required_credential_set_with_no_complete_option_is_reported_OID4VP_6_4_2()
    {
        var reduced1 = Identity(vct: "https://credentials.example.com/reduced_identity_credential");

        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("credentials_alternatives.json"), Presented(("pid_reduced_cred_1", [reduced1]))));

        error.Code.Should().Be(DcqlErrorCodes.CredentialSetUnsatisfied);
        error.Message.Should().Contain("credential_sets[0]").And.Contain("option 0 lacks 'pid'").And.Contain("option 2 lacks 'pid_reduced_cred_2'");
    }

    [Fact]
    public void Any_option_of_a_required_set_satisfies_it_and_optional_sets_may_be_absent_OID4VP_6_4_2()
    {
        var reduced1 = Identity(vct: "https://credentials.example.com/reduced_identity_credential");
        var reduced2 = Identity(vct: "https://cred.example/residence_credential");

        var result = DcqlEvaluator.Evaluate(LoadQuery("credentials_alternatives.json"), Presented(("pid_reduced_cred_1", [reduced1]), ("pid_reduced_cred_2", [reduced2])));

        result.IsSatisfied.Should().BeTrue();
        result.SatisfiedCredentialQueryIds.Should().Equal("pid_reduced_cred_1", "pid_reduced_cred_2");
    }

    [Fact]
    public void Complex_mdoc_example_is_satisfied_by_the_photo_card_alternative_OID4VP_6_2()
    {
        var photoCard = DcqlCredential.ForMdoc("org.iso.23220.photoid.1", new JsonObject
        {
            [MdlNamespace] = new JsonObject { ["given_name"] = "Erika", ["family_name"] = "Mustermann", ["portrait"] = "/9j/" },
        }, hasCryptographicHolderBinding: true);

        var result = DcqlEvaluator.Evaluate(LoadQuery("complex_mdoc.json"), Presented(("photo_card-id", [photoCard])));

        result.IsSatisfied.Should().BeTrue();
    }

    [Fact]
    public void Failing_presentation_for_an_optional_set_is_still_reported_OID4VP_6_4_2()
    {
        var result = DcqlEvaluator.Evaluate(LoadQuery("complex_mdoc.json"), Presented(("mdl-id", [Mdl()]), ("mdl-address", [Mdl(withAddress: false)])));

        result.IsSatisfied.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Equal(DcqlErrorCodes.ClaimMissing, DcqlErrorCodes.ClaimMissing);
        result.SatisfiedCredentialQueryIds.Should().Equal("mdl-id");
    }

    [Fact]
    public void Missing_claim_is_reported_with_its_path_OID4VP_6_4_1()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", [IdentityWithout("first_name")]))));

        error.Code.Should().Be(DcqlErrorCodes.ClaimMissing);
        error.Message.Should().Contain("presentation [0] for Credential Query 'my_credential'").And.Contain("credentials[0].claims[1]").And.Contain("path first_name");
    }

    [Fact]
    public void Claim_value_not_in_values_is_reported_without_the_value_OID4VP_6_4_1()
    {
        var claims = IdentityClaims();
        claims["postal_code"] = "10115";

        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("value_matching_simple.json"), Presented(("my_credential", [Identity(claims)]))));

        error.Code.Should().Be(DcqlErrorCodes.ClaimValueMismatch);
        error.Message.Should().Contain("credentials[0].claims[3]").And.NotContain("10115");
    }

    [Fact]
    public void Presentation_satisfying_no_claim_set_is_reported_OID4VP_6_4_1()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("claims_alternatives.json"), Presented(("pid", [IdentityWithout("date_of_birth")]))));

        error.Code.Should().Be(DcqlErrorCodes.ClaimSetUnsatisfied);
        error.Message.Should().Contain("option 0 lacks 'e'").And.Contain("option 1 lacks 'e'");
    }

    [Fact]
    public void Second_presentation_without_multiple_is_reported_OID4VP_6_1_and_8_1()
    {
        var result = DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", [Identity(), Identity()])));

        SingleError(result).Code.Should().Be(DcqlErrorCodes.MultipleNotAllowed);
        result.SatisfiedCredentialQueryIds.Should().BeEmpty();
    }

    [Fact]
    public void Several_presentations_are_accepted_when_multiple_is_true_OID4VP_6_1()
    {
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","multiple":true,"meta":{"vct_values":["{{PidVct}}"]},"claims":[{"path":["family_name"]}]}]}""");

        DcqlEvaluator.Evaluate(query, Presented(("pid", [PidCredential(), PidCredential()]))).IsSatisfied.Should().BeTrue();
    }

    [Fact]
    public void Presentation_of_another_format_is_reported_OID4VP_6_1()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", [Mdl()]))));

        error.Code.Should().Be(DcqlErrorCodes.FormatMismatch);
    }

    [Fact]
    public void Sd_jwt_vc_of_another_type_is_reported_OID4VP_B_3_5()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", [Identity(vct: PidVct)]))));

        error.Code.Should().Be(DcqlErrorCodes.VctMismatch);
        error.Message.Should().Contain("credentials[0].meta.vct_values");
    }

    [Fact]
    public void Mdoc_of_another_doctype_is_reported_OID4VP_B_2_3()
    {
        var mvrcAsMdl = DcqlCredential.ForMdoc(MdlDoctype, (JsonObject)Mvrc().CloneClaims(), true);

        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple_mdoc.json"), Presented(("my_credential", [mvrcAsMdl]))));

        error.Code.Should().Be(DcqlErrorCodes.DoctypeMismatch);
    }

    [Fact]
    public void Presentation_for_an_id_not_in_the_query_is_reported_OID4VP_8_1()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", [Identity()]), ("extra", [PidCredential()]))));

        error.Code.Should().Be(DcqlErrorCodes.UnexpectedCredential);
        error.Message.Should().Contain("'extra'");
    }

    [Fact]
    public void Unexpected_key_that_is_not_an_id_is_not_echoed()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", [Identity()]), ("Erika Mustermann <1964>", [PidCredential()]))));

        error.Code.Should().Be(DcqlErrorCodes.UnexpectedCredential);
        error.Message.Should().NotContain("Mustermann");
    }

    [Fact]
    public void Presentation_without_holder_binding_proof_is_reported_OID4VP_6_1_and_B_3()
    {
        var error = SingleError(DcqlEvaluator.Evaluate(LoadQuery("simple.json"), Presented(("my_credential", [Identity(holderBinding: false)]))));

        error.Code.Should().Be(DcqlErrorCodes.HolderBindingMissing);
    }

    [Fact]
    public void Presentation_from_an_issuer_outside_trusted_authorities_is_reported_OID4VP_6_1_1()
    {
        var query = Parse($$"""{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["{{PidVct}}"]},"trusted_authorities":[{"type":"aki","values":["s9tIpPmhxdiuNkHMEWNpYim8S8Y"]}]}]}""");

        var error = SingleError(DcqlEvaluator.Evaluate(query, Presented(("pid", [PidCredential(trustedAuthorities: [new(TrustedAuthorityTypes.Aki, "other")])]))));

        error.Code.Should().Be(DcqlErrorCodes.TrustedAuthorityMismatch);
    }

    [Fact]
    public void Presentation_for_a_w3c_query_with_type_values_fails_closed_OID4VP_B_1_1()
    {
        var credential = new DcqlCredential("ldp_vc", new JsonObject { ["credentialSubject"] = new JsonObject() }, true);

        var result = DcqlEvaluator.Evaluate(LoadQuery("request", "dcql_ldp_vc.json"), Presented(("example_ldp_vc", [credential])));

        result.Errors.Select(e => e.Code).Should().Contain(DcqlErrorCodes.MetaNotEvaluable);
    }

    [Fact]
    public void Every_failed_check_of_every_presentation_is_reported()
    {
        var claims = IdentityClaims();
        claims.Remove("last_name");
        claims["postal_code"] = "10115";
        var bad = DcqlCredential.ForSdJwtVc(IdentityCredentialVct, claims, hasCryptographicHolderBinding: false);

        var result = DcqlEvaluator.Evaluate(LoadQuery("value_matching_simple.json"), Presented(("my_credential", [bad, Identity()]), ("other", [PidCredential()])));

        result.Errors.Select(e => e.Code).Should().BeEquivalentTo(
        [
            DcqlErrorCodes.UnexpectedCredential,
            DcqlErrorCodes.MultipleNotAllowed,
            DcqlErrorCodes.HolderBindingMissing,
            DcqlErrorCodes.ClaimMissing,
            DcqlErrorCodes.ClaimValueMismatch,
        ]);
    }
}
