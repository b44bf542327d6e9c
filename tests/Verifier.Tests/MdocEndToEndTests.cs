using System.Formats.Cbor;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.StatusList;

namespace Wallet.Verifier.Tests;

/// <summary>mdoc (mso_mdoc) over HTTP: DeviceResponse with deviceSignature over the OpenID4VPHandover SessionTranscript (OpenID4VP 1.0 B.2.6.1, HAIP 1.0 §5.3.1).</summary>
public sealed class MdocEndToEndTests
{
    private const string MdocQuery = """{"credentials":[{"id":"pid_mdoc","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},"claims":[{"path":["eu.europa.ec.eudi.pid.1","given_name"]},{"path":["eu.europa.ec.eudi.pid.1","family_name"]}]}]}""";

    [Theory]
    [InlineData(ClientIdPrefixes.X509Hash, ResponseModes.DirectPostJwt, RequestUriMethods.Get)]
    [InlineData(ClientIdPrefixes.X509Hash, ResponseModes.DirectPost, RequestUriMethods.Post)]
    [InlineData(ClientIdPrefixes.X509SanDns, ResponseModes.DirectPostJwt, RequestUriMethods.Post)]
    [InlineData(ClientIdPrefixes.X509SanDns, ResponseModes.DirectPost, RequestUriMethods.Get)]
    public async Task Pid_mdoc_is_verified_with_the_handover_of_this_request_OID4VP_B_2_6_1(string prefix, string responseMode, string method)
    {
        using var app = new VerifierApp(prefix);
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode, method, query: MdocQuery));

        var run = await MdocWallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        var mdoc = status["credentials"]!["pid_mdoc"]!.AsArray().Single()!;
        mdoc["format"]!.GetValue<string>().Should().Be("mso_mdoc");
        mdoc["doctype"]!.GetValue<string>().Should().Be(PidMdoc.DocType);
        mdoc["holderBinding"]!.GetValue<bool>().Should().BeTrue();
        mdoc["status"]!.GetValue<string>().Should().Be("valid");
        mdoc["levelOfAssurance"]!.GetValue<string>().Should().Be("high");
        var elements = mdoc["claims"]![PidMdoc.NameSpace]!.AsObject();
        elements["given_name"]!.GetValue<string>().Should().Be(TestCredentials.GivenName);
        elements.Select(e => e.Key).Should().BeEquivalentTo("given_name", "family_name");
    }

    [Theory]
    [InlineData("nonce")]
    [InlineData("client_id")]
    public async Task Device_signature_over_another_handover_is_rejected_OID4VP_B_2_6_1(string wrong)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(query: MdocQuery));
        var behaviour = wrong == "nonce" ? new WalletBehaviour { Nonce = "other-nonce" } : new WalletBehaviour { Audience = "x509_san_dns:evil.example" };

        var run = await MdocWallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>(), behaviour);

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Contain(c => c.StartsWith("mdoc.", StringComparison.Ordinal));
        status["credentials"]!.AsObject().Should().BeEmpty();
    }

    [Theory]
    [InlineData(ResponseModes.DirectPost)]
    [InlineData(ResponseModes.DirectPostJwt)]
    public async Task Handover_has_null_thumbprint_for_direct_post_and_the_ephemeral_key_thumbprint_for_direct_post_jwt_OID4VP_B_2_6_1(string responseMode)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode, query: MdocQuery));

        var run = await MdocWallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>(), new WalletBehaviour { Transcript = TranscriptWrittenFromTheClause });

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
    }

    [Theory]
    [InlineData(6, "verified", null)]
    [InlineData(9, "rejected", "mdoc.status_revoked")]
    public async Task Mdoc_status_in_a_cwt_status_list_is_checked_like_a_jwt_one_TokenStatusList_5_2(int index, string expected, string? code)
    {
        using var app = new VerifierApp();
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(query: MdocQuery));

        var run = await MdocWallet(app, new StatusListReference(index, TestCredentials.CwtList)).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be(expected, status.ToJsonString());
        if (code is not null)
        {
            Api.ErrorCodes(status).Should().Contain(code);
        }
    }

    internal static TestWallet MdocWallet(VerifierApp app, StatusListReference? status = null)
    {
        var wallet = new TestWallet(app.WalletClient(), app.RequestSigningRoot, app.Clock);
        wallet.Mdocs.Add(TestCredentials.IssuePidMdoc(SigningKey.Generate(), status));
        return wallet;
    }

    // OpenID4VP 1.0 B.2.6.1 written out with the BCL's CborWriter, independently of SessionTranscript:
    // [null, null, ["OpenID4VPHandover", SHA-256([client_id, nonce, jwkThumbprint, response_uri])]], where
    // jwkThumbprint is null for direct_post and, for direct_post.jwt, SHA-256 of the RFC 7638 §3.2 canonical JWK.
    private static SessionTranscript TranscriptWrittenFromTheClause(AuthorizationRequest request)
    {
        var info = new CborWriter();
        info.WriteStartArray(4);
        info.WriteTextString(request.ClientId.Value);
        info.WriteTextString(request.Nonce);
        if (request.ResponseMode == ResponseModes.DirectPostJwt)
        {
            var jwk = request.ClientMetadata.EncryptionKey!.ToJsonObject();
            var canonical = $$"""{"crv":"{{jwk["crv"]}}","kty":"EC","x":"{{jwk["x"]}}","y":"{{jwk["y"]}}"}""";
            info.WriteByteString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
        else
        {
            info.WriteNull();
        }

        info.WriteTextString(request.ResponseUri.AbsoluteUri);
        info.WriteEndArray();
        var transcript = new CborWriter();
        transcript.WriteStartArray(3);
        transcript.WriteNull();
        transcript.WriteNull();
        transcript.WriteStartArray(2);
        transcript.WriteTextString("OpenID4VPHandover");
        transcript.WriteByteString(SHA256.HashData(info.Encode()));
        transcript.WriteEndArray();
        transcript.WriteEndArray();
        SessionTranscript.TryParse(transcript.Encode(), out var parsed, out var error).Should().BeTrue(error?.ToString());
        return parsed!;
    }
}
