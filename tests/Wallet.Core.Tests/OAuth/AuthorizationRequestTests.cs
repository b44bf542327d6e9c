using Wallet.Core.OAuth;

namespace Wallet.Core.Tests.OAuth;

/// <summary>Pushed authorization requests for credential issuance (RFC 9126 §2.1, RFC 7636, OpenID4VCI 1.0 §5.1, HAIP 1.0 §4).</summary>
public sealed class AuthorizationRequestTests
{
    private static Dictionary<string, string[]> Valid() => new(StringComparer.Ordinal)
    {
        ["response_type"] = ["code"],
        ["client_id"] = ["wallet"],
        ["redirect_uri"] = ["https://wallet.example/cb"],
        ["code_challenge"] = [Pkce.ComputeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")],
        ["code_challenge_method"] = ["S256"],
        ["scope"] = ["pid_sd_jwt"],
        ["state"] = ["s-1"],
    };

    [Fact]
    public void Request_with_scope_authorization_details_and_dpop_jkt_parses_OID4VCI_5_1()
    {
        var parameters = Valid();
        parameters["authorization_details"] = ["""[{"type":"openid_credential","credential_configuration_id":"pid_mdoc","unknown":1}]"""];
        parameters["dpop_jkt"] = ["jkt-1"];
        parameters["issuer_state"] = ["is-1"];
        parameters["unknown_parameter"] = ["ignored"];

        AuthorizationRequest.TryParse(parameters, out var request, out var error).Should().BeTrue(error?.ToString());

        request!.ClientId.Should().Be("wallet");
        request.Scopes.Should().Equal("pid_sd_jwt");
        request.AuthorizationDetailsConfigurationIds.Should().Equal("pid_mdoc");
        request.DpopJkt.Should().Be("jkt-1");
        request.IssuerState.Should().Be("is-1");
        request.State.Should().Be("s-1");
    }

    [Theory]
    [InlineData("repeated", OAuthErrorCodes.AuthorizationRequestParameterRepeated)]
    [InlineData("request_uri", OAuthErrorCodes.AuthorizationRequestRequestUriNotAllowed)]
    [InlineData("no-client_id", OAuthErrorCodes.AuthorizationRequestParameterMissing)]
    [InlineData("no-redirect_uri", OAuthErrorCodes.AuthorizationRequestParameterMissing)]
    [InlineData("token-response", OAuthErrorCodes.AuthorizationRequestResponseTypeUnsupported)]
    [InlineData("redirect-fragment", OAuthErrorCodes.AuthorizationRequestRedirectUriInvalid)]
    [InlineData("redirect-http", OAuthErrorCodes.AuthorizationRequestRedirectUriInvalid)]
    [InlineData("redirect-relative", OAuthErrorCodes.AuthorizationRequestRedirectUriInvalid)]
    [InlineData("no-challenge", OAuthErrorCodes.PkceChallengeInvalid)]
    [InlineData("plain", OAuthErrorCodes.PkceMethodNotSupported)]
    [InlineData("no-method", OAuthErrorCodes.PkceMethodNotSupported)]
    [InlineData("details-not-json", OAuthErrorCodes.AuthorizationRequestDetailsInvalid)]
    [InlineData("details-other-type", OAuthErrorCodes.AuthorizationRequestDetailsInvalid)]
    [InlineData("details-no-id", OAuthErrorCodes.AuthorizationRequestDetailsInvalid)]
    [InlineData("nothing-requested", OAuthErrorCodes.AuthorizationRequestNothingRequested)]
    public void Invalid_request_is_rejected_with_its_code_RFC9126_2_1_RFC7636_4_4_1(string scenario, string code)
    {
        var parameters = Valid();
        switch (scenario)
        {
            case "repeated": parameters["scope"] = ["a", "b"]; break;
            case "request_uri": parameters["request_uri"] = ["urn:ietf:params:oauth:request_uri:x"]; break;
            case "no-client_id": parameters.Remove("client_id"); break;
            case "no-redirect_uri": parameters.Remove("redirect_uri"); break;
            case "token-response": parameters["response_type"] = ["token"]; break;
            case "redirect-fragment": parameters["redirect_uri"] = ["https://wallet.example/cb#f"]; break;
            case "redirect-http": parameters["redirect_uri"] = ["http://wallet.example/cb"]; break;
            case "redirect-relative": parameters["redirect_uri"] = ["/cb"]; break;
            case "no-challenge": parameters.Remove("code_challenge"); break;
            case "plain": parameters["code_challenge_method"] = ["plain"]; break;
            case "no-method": parameters.Remove("code_challenge_method"); break;
            case "details-not-json": parameters["authorization_details"] = ["{"]; break;
            case "details-other-type": parameters["authorization_details"] = ["""[{"type":"payment","credential_configuration_id":"x"}]"""]; break;
            case "details-no-id": parameters["authorization_details"] = ["""[{"type":"openid_credential"}]"""]; break;
            case "nothing-requested": parameters.Remove("scope"); break;
            default: throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        AuthorizationRequest.TryParse(parameters, out var request, out var error).Should().BeFalse();

        request.Should().BeNull();
        error!.Code.Should().Be(code);
    }

    [Fact]
    public void Loopback_and_private_use_redirect_uris_are_accepted_RFC8252_7()
    {
        foreach (var uri in new[] { "http://127.0.0.1:8080/cb", "eu.wallet.example:/cb" })
        {
            var parameters = Valid();
            parameters["redirect_uri"] = [uri];
            AuthorizationRequest.TryParse(parameters, out _, out var error).Should().BeTrue(error?.ToString());
        }
    }
}
