using System.Text.Json.Nodes;
using Wallet.Core.Development;
using Wallet.Core.Mdoc;
using Wallet.Core.Trust;
using Wallet.Interop.Tests.SdJwt;

namespace Wallet.Interop.Tests.Mdoc;

/// <summary>
/// Our <c>wallet</c> tool (run as its own process, as a user runs it) against the independent mdoc implementation (<c>@owf/mdoc</c>): <c>wallet verify --oid4vp</c>
/// on the peer's presentations and the peer verifying <c>wallet present --oid4vp</c>, for <c>direct_post</c> (no
/// thumbprint: the handover's jwkThumbprint is null) and <c>direct_post.jwt</c> (the fourth <c>--oid4vp</c> field).
/// OpenID4VP 1.0 B.2.6.1 decides the handover when the two disagree.
/// </summary>
public sealed class MdocCliInteropTests : IDisposable
{
    private readonly MdocPeer _peer = new();
    private readonly WalletCli _cli = new();

    [Theory]
    [MemberData(nameof(OpenId4VpRequest.BothResponseModes), MemberType = typeof(OpenId4VpRequest))]
    public async Task Peer_presentation_verifies_with_wallet_verify_oid4vp_OID4VP_B_2_6_1(string responseMode)
    {
        using var request = new OpenId4VpRequest(responseMode);
        var presentation = await _peer.IssueAndPresentPidAsync(request);

        var (exitCode, stdout, stderr) = await _cli.RunAsync(
            "verify", _cli.Write("device-response.b64", presentation.DeviceResponse),
            "--trust", _cli.Write("iaca.pem", DevelopmentCertificates.ExportCertificatePem(_peer.Iaca)),
            "--oid4vp", request.CliOption());

        exitCode.Should().Be(0, $"{stdout}\n{stderr}");
        var report = JsonNode.Parse(stdout)!.AsObject();
        report["valid"]!.GetValue<bool>().Should().BeTrue();
        report["deviceAuth"]!.GetValue<string>().Should().Be("Signature");
        var elements = report["claims"]![PidMdoc.NameSpace]!.AsObject();
        elements.Select(e => e.Key).Should().BeEquivalentTo("given_name", "birth_date", "age_over_18");
        elements["birth_date"]!.GetValue<string>().Should().Be("1964-08-12");
    }

    [Theory]
    [MemberData(nameof(OpenId4VpRequest.BothResponseModes), MemberType = typeof(OpenId4VpRequest))]
    public async Task Presentation_from_wallet_present_oid4vp_verifies_with_the_peer_OID4VP_B_2_6_1(string responseMode)
    {
        using var request = new OpenId4VpRequest(responseMode);
        var credential = _cli.Write("mdoc.b64", _peer.IssuePidWithOurLibrary().ToBase64Url());
        var holderKey = _cli.Write("holder.key.pem", _peer.DeviceKey.Key.ExportPkcs8PrivateKeyPem());

        var (exitCode, stdout, stderr) = await _cli.RunAsync(
            "present", credential, "--holder-key", holderKey, "--oid4vp", request.CliOption(),
            "--disclose", $"{PidMdoc.NameSpace}/given_name", "--disclose", $"{PidMdoc.NameSpace}/birth_date");
        exitCode.Should().Be(0, stderr);
        var verdict = await _peer.VerifyAsync(stdout.Trim(), request);

        verdict.Verified.Should().BeTrue(verdict.ToString());
        verdict.Documents.Single()!["claims"]![PidMdoc.NameSpace]!.AsObject().Select(e => e.Key).Should().BeEquivalentTo("given_name", "birth_date");
    }

    public void Dispose()
    {
        _cli.Dispose();
        _peer.Dispose();
    }
}
