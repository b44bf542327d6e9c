using System.Text;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Core.Tests.OpenId4Vci;

/// <summary>Deferred Credential Request parsing (OpenID4VCI 1.0 §9.1) and its wire errors (§9.3).</summary>
public sealed class DeferredCredentialRequestTests
{
    [Fact]
    public void Request_with_transaction_id_parses_and_ignores_unknown_members_9_1()
    {
        // The request of the §9.1 example, with an extra member.
        var body = """{"transaction_id":"8xLOxBtZp8","future_member":true}""";

        DeferredCredentialRequest.TryParse(Encoding.UTF8.GetBytes(body), OpenId4VciLimits.Default, out var request, out var error).Should().BeTrue(error?.ToString());

        request!.TransactionId.Should().Be("8xLOxBtZp8");
    }

    [Theory]
    [InlineData("{}", OpenId4VciErrorCodes.DeferredTransactionIdMissing, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"transaction_id":""}""", OpenId4VciErrorCodes.DeferredTransactionIdMissing, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"transaction_id":7}""", OpenId4VciErrorCodes.DeferredRequestMalformed, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""["transaction_id"]""", OpenId4VciErrorCodes.DeferredRequestMalformed, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"transaction_id":"a","transaction_id":"b"}""", OpenId4VciErrorCodes.DeferredRequestMalformed, OpenId4VciErrors.InvalidCredentialRequest)]
    [InlineData("""{"transaction_id":"a","credential_response_encryption":{"enc":"A256GCM"}}""", OpenId4VciErrorCodes.RequestEncryptionUnsupported, OpenId4VciErrors.InvalidEncryptionParameters)]
    public void Malformed_request_is_refused_with_its_code_and_wire_error_9_1(string body, string code, string wireError)
    {
        DeferredCredentialRequest.TryParse(Encoding.UTF8.GetBytes(body), OpenId4VciLimits.Default, out var request, out var error).Should().BeFalse();

        request.Should().BeNull();
        error!.Code.Should().Be(code);
        DeferredCredentialRequest.WireErrorFor(error.Code).Should().Be(wireError);
    }

    [Fact]
    public void Request_over_the_size_limit_is_refused_9_1()
    {
        var body = """{"transaction_id":"a"}""";

        DeferredCredentialRequest.TryParse(Encoding.UTF8.GetBytes(body), OpenId4VciLimits.Default with { MaxRequestLength = 10 }, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VciErrorCodes.DeferredRequestMalformed);
    }
}
