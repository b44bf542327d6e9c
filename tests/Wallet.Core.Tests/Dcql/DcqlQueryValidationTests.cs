using System.Text.Json;
using Wallet.Core.Dcql;

namespace Wallet.Core.Tests.Dcql;

/// <summary>One row per structural rule of OpenID4VP 1.0 §6, §7 and Appendix B that a DCQL query can break.</summary>
public class DcqlQueryValidationTests
{
    private const string SdJwt = """ "id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]} """;
    private const string Mdoc = """ "id":"pid","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"} """;

    private static VerificationError SingleError(string json)
    {
        DcqlQuery.TryParse(json, out var query, out var errors).Should().BeFalse();
        query.Should().BeNull();
        return errors.Should().ContainSingle().Subject;
    }

    [Theory]
    [InlineData("""{}""", DcqlErrorCodes.MissingMember, "credentials")]
    [InlineData("""{"credentials":{}}""", DcqlErrorCodes.InvalidType, "credentials")]
    [InlineData("""{"credentials":[]}""", DcqlErrorCodes.EmptyArray, "credentials")]
    [InlineData("""{"credentials":[1]}""", DcqlErrorCodes.InvalidType, "credentials[0]")]
    [InlineData("""[]""", DcqlErrorCodes.InvalidType, "dcql_query")]
    public void Top_level_rule_violation_is_rejected_OID4VP_6(string json, string code, string member)
    {
        var error = SingleError(json);

        error.Code.Should().Be(code);
        error.Message.Should().StartWith(member + " ");
    }

    [Theory]
    [InlineData("""{"format":"dc+sd-jwt","meta":{"vct_values":["x"]}}""", DcqlErrorCodes.MissingMember, "credentials[0].id")]
    [InlineData("""{"id":"","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}""", DcqlErrorCodes.InvalidId, "credentials[0].id")]
    [InlineData("""{"id":"my credential","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}""", DcqlErrorCodes.InvalidId, "credentials[0].id")]
    [InlineData("""{"id":"pid.1","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}""", DcqlErrorCodes.InvalidId, "credentials[0].id")]
    [InlineData("""{"id":"pïd","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}""", DcqlErrorCodes.InvalidId, "credentials[0].id")]
    [InlineData("""{"id":7,"format":"dc+sd-jwt","meta":{"vct_values":["x"]}}""", DcqlErrorCodes.InvalidType, "credentials[0].id")]
    [InlineData("""{"id":"pid","meta":{"vct_values":["x"]}}""", DcqlErrorCodes.MissingMember, "credentials[0].format")]
    [InlineData("""{"id":"pid","format":"","meta":{}}""", DcqlErrorCodes.InvalidType, "credentials[0].format")]
    [InlineData("""{"id":"pid","format":"dc+sd-jwt"}""", DcqlErrorCodes.MissingMember, "credentials[0].meta")]
    [InlineData("""{"id":"pid","format":"jwt_vc_json"}""", DcqlErrorCodes.MissingMember, "credentials[0].meta")]
    [InlineData("""{"id":"pid","format":"dc+sd-jwt","meta":["x"]}""", DcqlErrorCodes.InvalidType, "credentials[0].meta")]
    [InlineData("""{"id":"pid","format":"dc+sd-jwt","meta":{}}""", DcqlErrorCodes.MissingMember, "credentials[0].meta.vct_values")]
    [InlineData("""{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":[]}}""", DcqlErrorCodes.EmptyArray, "credentials[0].meta.vct_values")]
    [InlineData("""{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":"urn:eudi:pid:1"}}""", DcqlErrorCodes.InvalidType, "credentials[0].meta.vct_values")]
    [InlineData("""{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":[1]}}""", DcqlErrorCodes.InvalidType, "credentials[0].meta.vct_values[0]")]
    [InlineData("""{"id":"pid","format":"mso_mdoc","meta":{}}""", DcqlErrorCodes.MissingMember, "credentials[0].meta.doctype_value")]
    [InlineData("""{"id":"pid","format":"mso_mdoc","meta":{"doctype_value":["eu.europa.ec.eudi.pid.1"]}}""", DcqlErrorCodes.InvalidType, "credentials[0].meta.doctype_value")]
    [InlineData("""{{{SdJwt}}, "multiple":"true"}""", DcqlErrorCodes.InvalidType, "credentials[0].multiple")]
    [InlineData("""{{{SdJwt}}, "require_cryptographic_holder_binding":0}""", DcqlErrorCodes.InvalidType, "credentials[0].require_cryptographic_holder_binding")]
    [InlineData("""{{{SdJwt}}, "trusted_authorities":[]}""", DcqlErrorCodes.EmptyArray, "credentials[0].trusted_authorities")]
    [InlineData("""{{{SdJwt}}, "trusted_authorities":[["aki"]]}""", DcqlErrorCodes.InvalidType, "credentials[0].trusted_authorities[0]")]
    [InlineData("""{{{SdJwt}}, "trusted_authorities":[{"values":["s9tIpPmhxdiuNkHMEWNpYim8S8Y"]}]}""", DcqlErrorCodes.MissingMember, "credentials[0].trusted_authorities[0].type")]
    [InlineData("""{{{SdJwt}}, "trusted_authorities":[{"type":"aki"}]}""", DcqlErrorCodes.MissingMember, "credentials[0].trusted_authorities[0].values")]
    [InlineData("""{{{SdJwt}}, "trusted_authorities":[{"type":"aki","values":[]}]}""", DcqlErrorCodes.EmptyArray, "credentials[0].trusted_authorities[0].values")]
    [InlineData("""{{{SdJwt}}, "trusted_authorities":[{"type":"aki","values":[42]}]}""", DcqlErrorCodes.InvalidType, "credentials[0].trusted_authorities[0].values[0]")]
    [InlineData("""{{{SdJwt}}, "claims":[]}""", DcqlErrorCodes.EmptyArray, "credentials[0].claims")]
    [InlineData("""{{{SdJwt}}, "claims":{"path":["x"]}}""", DcqlErrorCodes.InvalidType, "credentials[0].claims")]
    [InlineData("""{{{SdJwt}}, "claims":[["x"]]}""", DcqlErrorCodes.InvalidType, "credentials[0].claims[0]")]
    [InlineData("""{{{SdJwt}}, "claims":[{}]}""", DcqlErrorCodes.MissingMember, "credentials[0].claims[0].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":[]}]}""", DcqlErrorCodes.InvalidPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":"family_name"}]}""", DcqlErrorCodes.InvalidPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["nationalities",-1]}]}""", DcqlErrorCodes.InvalidPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["nationalities",1.5]}]}""", DcqlErrorCodes.InvalidPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["address",true]}]}""", DcqlErrorCodes.InvalidPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["address",{"a":1}]}]}""", DcqlErrorCodes.InvalidPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a b","path":["x"]}]}""", DcqlErrorCodes.InvalidId, "credentials[0].claims[0].id")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"","path":["x"]}]}""", DcqlErrorCodes.InvalidId, "credentials[0].claims[0].id")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a","path":["x"]},{"id":"a","path":["y"]}]}""", DcqlErrorCodes.DuplicateClaimId, "credentials[0].claims[1].id")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["address","locality"]},{"path":["address","locality"]}]}""", DcqlErrorCodes.DuplicateClaimPath, "credentials[0].claims[1].path")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["x"],"values":[]}]}""", DcqlErrorCodes.EmptyArray, "credentials[0].claims[0].values")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["x"],"values":"DE"}]}""", DcqlErrorCodes.InvalidType, "credentials[0].claims[0].values")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["x"],"values":[1.5]}]}""", DcqlErrorCodes.InvalidClaimValue, "credentials[0].claims[0].values[0]")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["x"],"values":["DE",null]}]}""", DcqlErrorCodes.InvalidClaimValue, "credentials[0].claims[0].values[1]")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["x"],"values":[{"country":"DE"}]}]}""", DcqlErrorCodes.InvalidClaimValue, "credentials[0].claims[0].values[0]")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["x"],"values":[["DE"]]}]}""", DcqlErrorCodes.InvalidClaimValue, "credentials[0].claims[0].values[0]")]
    [InlineData("""{{{SdJwt}}, "claims":[{"path":["x"],"values":[1e40]}]}""", DcqlErrorCodes.InvalidClaimValue, "credentials[0].claims[0].values[0]")]
    [InlineData("""{{{SdJwt}}, "claim_sets":[["a"]]}""", DcqlErrorCodes.ClaimSetsWithoutClaims, "credentials[0].claim_sets")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a","path":["x"]},{"path":["y"]}],"claim_sets":[["a"]]}""", DcqlErrorCodes.ClaimIdRequired, "credentials[0].claims[1].id")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a","path":["x"]}],"claim_sets":[]}""", DcqlErrorCodes.EmptyArray, "credentials[0].claim_sets")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a","path":["x"]}],"claim_sets":[[]]}""", DcqlErrorCodes.EmptyArray, "credentials[0].claim_sets[0]")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a","path":["x"]}],"claim_sets":["a"]}""", DcqlErrorCodes.InvalidType, "credentials[0].claim_sets[0]")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a","path":["x"]}],"claim_sets":[[1]]}""", DcqlErrorCodes.InvalidType, "credentials[0].claim_sets[0][0]")]
    [InlineData("""{{{SdJwt}}, "claims":[{"id":"a","path":["x"]}],"claim_sets":[["a"],["a","b"]]}""", DcqlErrorCodes.UnknownClaimId, "credentials[0].claim_sets[1][1]")]
    [InlineData("""{{{Mdoc}}, "claims":[{"path":["eu.europa.ec.eudi.pid.1"]}]}""", DcqlErrorCodes.InvalidMdocPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{Mdoc}}, "claims":[{"path":["eu.europa.ec.eudi.pid.1","place_of_birth","locality"]}]}""", DcqlErrorCodes.InvalidMdocPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{Mdoc}}, "claims":[{"path":["eu.europa.ec.eudi.pid.1",null]}]}""", DcqlErrorCodes.InvalidMdocPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{Mdoc}}, "claims":[{"path":["eu.europa.ec.eudi.pid.1",0]}]}""", DcqlErrorCodes.InvalidMdocPath, "credentials[0].claims[0].path")]
    [InlineData("""{{{Mdoc}}, "claims":[{"path":["eu.europa.ec.eudi.pid.1","family_name"],"intent_to_retain":"no"}]}""", DcqlErrorCodes.InvalidType, "credentials[0].claims[0].intent_to_retain")]
    public void Credential_query_rule_violation_is_rejected_OID4VP_6_1_6_3_7_B(string credentialTemplate, string code, string member)
    {
        var credential = credentialTemplate.Replace("{{SdJwt}}", SdJwt, StringComparison.Ordinal).Replace("{{Mdoc}}", Mdoc, StringComparison.Ordinal);

        var error = SingleError($$"""{"credentials":[{{credential}}]}""");

        error.Code.Should().Be(code);
        error.Message.Should().StartWith(member + " ");
    }

    [Fact]
    public void Duplicate_credential_query_id_is_rejected_OID4VP_6_1()
    {
        var error = SingleError($$"""{"credentials":[{{{SdJwt}}},{{{SdJwt}}}]}""");

        error.Code.Should().Be(DcqlErrorCodes.DuplicateCredentialId);
        error.Message.Should().StartWith("credentials[1].id ");
    }

    [Theory]
    [InlineData("""[]""", DcqlErrorCodes.EmptyArray, "credential_sets")]
    [InlineData("""{"options":[["pid"]]}""", DcqlErrorCodes.InvalidType, "credential_sets")]
    [InlineData("""[["pid"]]""", DcqlErrorCodes.InvalidType, "credential_sets[0]")]
    [InlineData("""[{}]""", DcqlErrorCodes.MissingMember, "credential_sets[0].options")]
    [InlineData("""[{"options":[]}]""", DcqlErrorCodes.EmptyArray, "credential_sets[0].options")]
    [InlineData("""[{"options":["pid"]}]""", DcqlErrorCodes.InvalidType, "credential_sets[0].options[0]")]
    [InlineData("""[{"options":[[]]}]""", DcqlErrorCodes.EmptyArray, "credential_sets[0].options[0]")]
    [InlineData("""[{"options":[["pid"],["pid","mdl"]]}]""", DcqlErrorCodes.UnknownCredentialId, "credential_sets[0].options[1][1]")]
    [InlineData("""[{"options":[["pid.x"]]}]""", DcqlErrorCodes.InvalidId, "credential_sets[0].options[0][0]")]
    [InlineData("""[{"options":[["pid"]],"required":"false"}]""", DcqlErrorCodes.InvalidType, "credential_sets[0].required")]
    public void Credential_set_rule_violation_is_rejected_OID4VP_6_2(string credentialSets, string code, string member)
    {
        var error = SingleError($$"""{"credentials":[{{{SdJwt}}}],"credential_sets":{{credentialSets}}}""");

        error.Code.Should().Be(code);
        error.Message.Should().StartWith(member + " ");
    }

    [Theory]
    [InlineData("""{"credentials":[""", DcqlErrorCodes.InvalidJson)]
    [InlineData("""{"credentials":[],}""", DcqlErrorCodes.InvalidJson)]
    [InlineData("""{"credentials":[] /* comment */}""", DcqlErrorCodes.InvalidJson)]
    [InlineData("""{"credentials":[{"id":"a","id":"b","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}""", DcqlErrorCodes.InvalidJson)]
    public void Malformed_json_is_rejected(string json, string code)
    {
        SingleError(json).Code.Should().Be(code);
    }

    [Fact]
    public void Repeated_member_is_rejected_also_when_given_a_parsed_element()
    {
        using var document = JsonDocument.Parse("""{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}],"credentials":[]}""");

        DcqlQuery.TryParse(document.RootElement, out _, out var errors).Should().BeFalse();

        errors.Should().ContainSingle().Which.Code.Should().Be(DcqlErrorCodes.InvalidJson);
    }

    [Fact]
    public void All_rule_violations_are_reported_together()
    {
        DcqlQuery.TryParse("""{"credentials":[{"id":"","format":"dc+sd-jwt","meta":{},"multiple":1,"claims":[{"path":[]}]}],"credential_sets":[{"options":[["x"]]}]}""", out _, out var errors)
            .Should().BeFalse();

        errors.Select(e => e.Code).Should().BeEquivalentTo(
            [DcqlErrorCodes.InvalidId, DcqlErrorCodes.MissingMember, DcqlErrorCodes.InvalidType, DcqlErrorCodes.InvalidPath, DcqlErrorCodes.UnknownCredentialId]);
    }

    public static TheoryData<string, DcqlLimits, string> LimitCases()
    {
        const string one = """{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}""";
        return new()
        {
            { $$"""{"credentials":[{{one}}]}""", DcqlLimits.Default with { MaxQueryBytes = 40 }, DcqlErrorCodes.QueryTooLarge },
            { $$"""{"credentials":[{{one}}]}""", DcqlLimits.Default with { MaxDepth = 3 }, DcqlErrorCodes.QueryTooDeep },
            { $$$"""{"credentials":[{"id":"a","format":"x","meta":{"a":{{{new string('[', 20)}}}1{{{new string(']', 20)}}}}}]}""", DcqlLimits.Default, DcqlErrorCodes.QueryTooDeep },
            { $$"""{"credentials":[{{one}},{{one.Replace("\"a\"", "\"b\"", StringComparison.Ordinal)}}]}""", DcqlLimits.Default with { MaxCredentials = 1 }, DcqlErrorCodes.TooManyCredentials },
            { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":["x"]},{"path":["y"]}]}]}""", DcqlLimits.Default with { MaxClaims = 1 }, DcqlErrorCodes.TooManyClaims },
            { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":["a","b","c"]}]}]}""", DcqlLimits.Default with { MaxPathLength = 2 }, DcqlErrorCodes.PathTooLong },
            { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x","y","z"]}}]}""", DcqlLimits.Default with { MaxArrayItems = 2 }, DcqlErrorCodes.TooManyItems },
            { """{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{"vct_values":["x"]},"claims":[{"path":["x"],"values":[1,2,3]}]}]}""", DcqlLimits.Default with { MaxArrayItems = 2 }, DcqlErrorCodes.TooManyItems },
        };
    }

    [Theory]
    [MemberData(nameof(LimitCases))]
    public void Query_beyond_a_limit_is_rejected(string json, DcqlLimits limits, string code)
    {
        DcqlQuery.TryParse(json, limits, out _, out var errors).Should().BeFalse();
        errors.Should().ContainSingle().Which.Code.Should().Be(code);

        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        DcqlQuery.TryParse(document.RootElement, limits, out _, out var elementErrors).Should().BeFalse();
        elementErrors.Should().ContainSingle().Which.Code.Should().Be(code);
    }
}
