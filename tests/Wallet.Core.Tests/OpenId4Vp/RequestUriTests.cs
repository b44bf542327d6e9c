using Wallet.Core.OpenId4Vp;

namespace Wallet.Core.Tests.OpenId4Vp;

/// <summary>The authorization request URI and the request_uri POST body (OpenID4VP 1.0 §5.1, §5.10; HAIP 1.0 §5.1).</summary>
public sealed class RequestUriTests
{
    [Theory]
    [InlineData(RequestUriMethods.Get)]
    [InlineData(RequestUriMethods.Post)]
    public void Authorization_request_uri_round_trips_OID4VP_5_10(string method)
    {
        var uri = new AuthorizationRequestUri("x509_hash:Uvo3HtuIxuhC92rShpgqcT3YXwrqRxWEviRiA0OZszk", new Uri("https://verifier.example/request/abc?x=1"), method).ToUri();

        uri.Should().StartWith("openid4vp://?client_id=x509_hash%3AUvo3");
        uri.Contains("request_uri_method=post", StringComparison.Ordinal).Should().Be(method == RequestUriMethods.Post);
        AuthorizationRequestUri.TryParse(uri, out var parsed, out var error).Should().BeTrue(error?.ToString());
        parsed!.ClientId.Should().StartWith("x509_hash:");
        parsed.RequestUri.AbsoluteUri.Should().Be("https://verifier.example/request/abc?x=1");
        parsed.RequestUriMethod.Should().Be(method);
    }

    [Theory]
    [InlineData("openid4vp://?client_id=x509_hash%3Aa&request=eyJ", OpenId4VpErrorCodes.RequestParameterInvalid)]
    [InlineData("openid4vp://?client_id=x509_hash%3Aa", OpenId4VpErrorCodes.RequestParameterMissing)]
    [InlineData("openid4vp://?request_uri=https%3A%2F%2Fv.example%2Fr", OpenId4VpErrorCodes.RequestParameterMissing)]
    [InlineData("openid4vp://?client_id=a&request_uri=%2Frelative", OpenId4VpErrorCodes.RequestParameterMissing)]
    [InlineData("openid4vp://?client_id=a&request_uri=https%3A%2F%2Fv.example%2Fr&request_uri_method=POST", OpenId4VpErrorCodes.RequestParameterInvalid)]
    [InlineData("openid4vp://?client_id=a&client_id=b&request_uri=https%3A%2F%2Fv.example%2Fr", OpenId4VpErrorCodes.RequestParameterInvalid)]
    public void Authorization_request_uri_breaking_a_rule_is_rejected_OID4VP_5_1(string uri, string code)
    {
        AuthorizationRequestUri.TryParse(uri, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(code);
    }

    [Fact]
    public void Request_uri_post_body_yields_wallet_nonce_and_metadata_OID4VP_5_10()
    {
        var form = new Dictionary<string, string>
        {
            ["wallet_nonce"] = "qPmxiNFCR3QTm19POc8u",
            ["wallet_metadata"] = """{"vp_formats_supported":{"dc+sd-jwt":{}}}""",
            ["unknown"] = "ignored",
        };

        WalletRequestUriParameters.TryRead(form, OpenId4VpLimits.Default, out var parameters, out var error).Should().BeTrue(error?.ToString());

        parameters!.WalletNonce.Should().Be("qPmxiNFCR3QTm19POc8u");
        parameters.WalletMetadata!["vp_formats_supported"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("wallet_nonce", "")]
    [InlineData("wallet_nonce", "has space")]
    [InlineData("wallet_metadata", "[]")]
    [InlineData("wallet_metadata", "{not json")]
    [InlineData("wallet_metadata", """{"a":1,"a":2}""")]
    public void Invalid_request_uri_post_parameter_is_rejected_OID4VP_5_10(string name, string value)
    {
        WalletRequestUriParameters.TryRead(new Dictionary<string, string> { [name] = value }, OpenId4VpLimits.Default, out _, out var error).Should().BeFalse();

        error!.Code.Should().Be(OpenId4VpErrorCodes.WalletParameterInvalid);
    }
}
