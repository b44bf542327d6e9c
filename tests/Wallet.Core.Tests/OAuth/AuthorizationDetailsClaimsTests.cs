using Wallet.Core.Claims;
using Wallet.Core.OAuth;

namespace Wallet.Core.Tests.OAuth;

/// <summary>
/// The <c>claims</c> of an <c>openid_credential</c> authorization details entry (OpenID4VCI 1.0 §5.1.1, Appendix B.1
/// claims description objects, Appendix C claims path pointers; RFC 9396 §2).
/// </summary>
public sealed class AuthorizationDetailsClaimsTests
{
    private static Dictionary<string, string[]> WithDetails(string details) => new(StringComparer.Ordinal)
    {
        ["response_type"] = ["code"],
        ["client_id"] = ["wallet"],
        ["redirect_uri"] = ["https://wallet.example/cb"],
        ["code_challenge"] = [Pkce.ComputeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")],
        ["code_challenge_method"] = ["S256"],
        ["authorization_details"] = [details],
    };

    [Fact]
    public void Claims_of_the_spec_example_parse_into_paths_and_mandatory_flags_5_1_1_B_1()
    {
        // The shape of the OpenID4VCI 1.0 §5.1.1 example for dc+sd-jwt, with a null (all elements) and an index segment
        // as Appendix C allows, and an unknown member in a claims description object, which is ignored.
        const string Details = """
            [{"type":"openid_credential","credential_configuration_id":"pid_sd_jwt",
              "claims":[{"path":["given_name"]},{"path":["family_name"],"mandatory":true},
                        {"path":["address","locality"],"mandatory":false},{"path":["nationalities",null]},
                        {"path":["nationalities",0],"display":"ignored"}]}]
            """;

        AuthorizationRequest.TryParse(WithDetails(Details), out var request, out var error).Should().BeTrue(error?.ToString());

        var detail = request!.AuthorizationDetails.Should().ContainSingle().Subject;
        detail.CredentialConfigurationId.Should().Be("pid_sd_jwt");
        detail.Claims.Should().Equal(
            new RequestedClaim(ClaimPath.Of("given_name"), false),
            new RequestedClaim(ClaimPath.Of("family_name"), true),
            new RequestedClaim(ClaimPath.Of("address", "locality"), false),
            new RequestedClaim(new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.AllElements]), false),
            new RequestedClaim(new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.Element(0)]), false));
        request.AuthorizationDetailsConfigurationIds.Should().Equal("pid_sd_jwt");
    }

    [Fact]
    public void Mdoc_claims_are_namespace_and_element_paths_5_1_1_B_1()
    {
        const string Details = """[{"type":"openid_credential","credential_configuration_id":"pid_mdoc","claims":[{"path":["eu.europa.ec.eudi.pid.1","given_name"]}]}]""";

        AuthorizationRequest.TryParse(WithDetails(Details), out var request, out var error).Should().BeTrue(error?.ToString());

        request!.AuthorizationDetails.Single().Claims!.Single().Path.Should().Be(ClaimPath.Of("eu.europa.ec.eudi.pid.1", "given_name"));
    }

    [Fact]
    public void Entry_without_claims_asks_for_every_claim_5_1_1()
    {
        AuthorizationRequest.TryParse(WithDetails("""[{"type":"openid_credential","credential_configuration_id":"pid_mdoc"}]"""), out var request, out var error).Should().BeTrue(error?.ToString());

        request!.AuthorizationDetails.Single().Claims.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"path":["a"]}""", "claims is not an array")]
    [InlineData("""[]""", "claims is empty")]
    [InlineData("""["given_name"]""", "entry is not an object")]
    [InlineData("""[{"mandatory":true}]""", "path is missing")]
    [InlineData("""[{"path":[]}]""", "path is empty")]
    [InlineData("""[{"path":"given_name"}]""", "path is not an array")]
    [InlineData("""[{"path":["address",-1]}]""", "negative index")]
    [InlineData("""[{"path":["address",1.5]}]""", "fractional index")]
    [InlineData("""[{"path":["address",true]}]""", "boolean component")]
    [InlineData("""[{"path":[{"a":1}]}]""", "object component")]
    [InlineData("""[{"path":["given_name"],"mandatory":"yes"}]""", "mandatory is not a boolean")]
    [InlineData("""[{"path":["a","b","c","d","e","f","g","h","i"]}]""", "path longer than the limit")]
    public void Malformed_claims_are_rejected_with_their_code_B_1(string claims, string because)
    {
        var details = "[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"pid_sd_jwt\",\"claims\":" + claims + "}]";

        AuthorizationRequest.TryParse(WithDetails(details), out var request, out var error).Should().BeFalse(because);

        request.Should().BeNull();
        error!.Code.Should().Be(OAuthErrorCodes.AuthorizationRequestDetailsClaimsInvalid, because);
    }

    [Fact]
    public void More_claims_than_the_limit_are_rejected_B_1()
    {
        var claims = "[" + string.Join(",", Enumerable.Range(0, AuthorizationRequest.MaxClaimsPerDetail + 1).Select(i => $$"""{"path":["c{{i}}"]}""")) + "]";
        var details = "[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"pid_sd_jwt\",\"claims\":" + claims + "}]";

        AuthorizationRequest.TryParse(WithDetails(details), out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OAuthErrorCodes.AuthorizationRequestDetailsClaimsInvalid);
    }

    [Fact]
    public void Claims_at_the_limit_are_accepted_B_1()
    {
        var claims = "[" + string.Join(",", Enumerable.Range(0, AuthorizationRequest.MaxClaimsPerDetail).Select(i => $$"""{"path":["c{{i}}"]}""")) + "]";
        var details = "[{\"type\":\"openid_credential\",\"credential_configuration_id\":\"pid_sd_jwt\",\"claims\":" + claims + "}]";

        AuthorizationRequest.TryParse(WithDetails(details), out var request, out var error).Should().BeTrue(error?.ToString());

        request!.AuthorizationDetails.Single().Claims.Should().HaveCount(AuthorizationRequest.MaxClaimsPerDetail);
    }
}
