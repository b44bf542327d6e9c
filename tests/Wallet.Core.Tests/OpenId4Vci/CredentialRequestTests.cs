using System.Text;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>Credential Request parsing (OpenID4VCI 1.0 §8.2) and the §8.3.1.2 error mapping.</summary>
public sealed class CredentialRequestTests
{
    private static bool Parse(string json, out CredentialRequest? request, out Wallet.Core.VerificationError? error, OpenId4VciLimits? limits = null) =>
        CredentialRequest.TryParse(Encoding.UTF8.GetBytes(json), limits ?? OpenId4VciLimits.Default, out request, out error);

    [Fact]
    public void Request_by_configuration_id_with_jwt_proofs_parses_and_ignores_unknown_members_OID4VCI_8_2()
    {
        Parse("""{"credential_configuration_id":"pid","proofs":{"jwt":["a.b.c","d.e.f"]},"unknown":1}""", out var request, out var error).Should().BeTrue(error?.ToString());

        request!.CredentialConfigurationId.Should().Be("pid");
        request.CredentialIdentifier.Should().BeNull();
        request.JwtProofs.Should().Equal("a.b.c", "d.e.f");
    }

    [Fact]
    public void Request_by_credential_identifier_without_proofs_parses_OID4VCI_8_2()
    {
        Parse("""{"credential_identifier":"pid-1"}""", out var request, out _).Should().BeTrue();

        request!.CredentialIdentifier.Should().Be("pid-1");
        request.HasProofs.Should().BeFalse();
    }

    [Theory]
    [InlineData("not json", OpenId4VciErrorCodes.RequestMalformed, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("[]", OpenId4VciErrorCodes.RequestMalformed, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":5}""", OpenId4VciErrorCodes.RequestMalformed, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":"a","credential_configuration_id":"b"}""", OpenId4VciErrorCodes.RequestMalformed, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":"a","credential_identifier":"b"}""", OpenId4VciErrorCodes.RequestIdentifierConflict, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"proofs":{"jwt":["a.b.c"]}}""", OpenId4VciErrorCodes.RequestIdentifierMissing, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":""}""", OpenId4VciErrorCodes.RequestIdentifierMissing, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"jwk":{},"enc":"A128GCM"}}""", OpenId4VciErrorCodes.RequestEncryptionInvalid, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"},"enc":"A128GCM"}}""", OpenId4VciErrorCodes.RequestEncryptionInvalid, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ECDH-ES"}}}""", OpenId4VciErrorCodes.RequestEncryptionInvalid, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ECDH-ES","use":"sig"},"enc":"A128GCM"}}""", OpenId4VciErrorCodes.RequestEncryptionInvalid, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"enc":"A128GCM"}}""", OpenId4VciErrorCodes.RequestEncryptionInvalid, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ECDH-ES+A128KW"},"enc":"A128GCM"}}""", OpenId4VciErrorCodes.RequestEncryptionUnsupported, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ECDH-ES"},"enc":"A192GCM"}}""", OpenId4VciErrorCodes.RequestEncryptionUnsupported, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","credential_response_encryption":{"jwk":{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","alg":"ECDH-ES"},"enc":"A128GCM","zip":"DEF"}}""", OpenId4VciErrorCodes.RequestEncryptionUnsupported, OpenId4VciErrors.InvalidEncryptionParameters)]
    [InlineData("""{"credential_configuration_id":"a","proof":{"proof_type":"jwt","jwt":"a.b.c"}}""", OpenId4VciErrorCodes.ProofsInvalid, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":[]}""", OpenId4VciErrorCodes.ProofsInvalid, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":{}}""", OpenId4VciErrorCodes.ProofsInvalid, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":{"jwt":["a.b.c"],"attestation":["x"]}}""", OpenId4VciErrorCodes.ProofsInvalid, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":{"jwt":[]}}""", OpenId4VciErrorCodes.ProofsInvalid, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":{"jwt":"a.b.c"}}""", OpenId4VciErrorCodes.ProofsInvalid, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":{"jwt":[1]}}""", OpenId4VciErrorCodes.ProofsInvalid, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":{"di_vp":[{}]}}""", OpenId4VciErrorCodes.ProofTypeUnsupported, OpenId4VciErrors.InvalidProof)]
    [InlineData("""{"credential_configuration_id":"a","proofs":{"jwt":["1","2","3"]}}""", OpenId4VciErrorCodes.TooManyProofs, OpenId4VciErrors.InvalidProof)]
    public void Malformed_request_is_rejected_with_its_code_and_wire_error_OID4VCI_8_3_1_2(string json, string code, string wireError)
    {
        Parse(json, out var request, out var error, OpenId4VciLimits.Default with { MaxProofs = 2 }).Should().BeFalse();

        request.Should().BeNull();
        error!.Code.Should().Be(code);
        CredentialRequest.WireErrorFor(error.Code).Should().Be(wireError);
    }

    [Fact]
    public void Request_body_over_the_size_limit_is_rejected()
    {
        Parse($$"""{"credential_configuration_id":"{{new string('a', 5000)}}"}""", out _, out var error, OpenId4VciLimits.Default with { MaxRequestLength = 1024 }).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VciErrorCodes.RequestMalformed);
    }

    [Fact]
    public void Request_nested_deeper_than_the_limit_is_rejected()
    {
        Parse("""{"credential_configuration_id":"a","x":""" + new string('[', 40) + new string(']', 40) + "}", out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VciErrorCodes.RequestMalformed);
    }
}
