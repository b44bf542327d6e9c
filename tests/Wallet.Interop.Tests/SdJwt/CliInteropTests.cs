using System.Text.Json.Nodes;
using Wallet.Core.SdJwt;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>
/// The <c>wallet</c> tool against sd-jwt-js: <c>wallet verify</c> on the peer's presentations, and the peer verifying
/// what <c>wallet issue sd-jwt</c> and <c>wallet present</c> produce.
/// </summary>
public sealed class CliInteropTests : IDisposable
{
    private readonly InteropPki _pki = new(withIntermediate: true);
    private readonly SdJwtPeer _peer = new();
    private readonly WalletCli _cli = new();

    [Fact]
    public async Task Wallet_verify_accepts_the_peer_presentation_with_exactly_its_disclosed_claims_RFC9901_7_3()
    {
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance { Pki = _pki });

        var (exit, stdout, stderr) = await Verify(peer.Presentation);

        exit.Should().Be(0, stderr + stdout);
        var report = JsonNode.Parse(stdout)!.AsObject();
        report["valid"]!.GetValue<bool>().Should().BeTrue();
        report["holderBinding"]!.GetValue<bool>().Should().BeTrue();
        report["errors"]!.AsArray().Should().BeEmpty();
        JsonNode.DeepEquals(report["claims"], InteropCredential.ExpectedDisclosedClaims()).Should().BeTrue(report["claims"]?.ToJsonString());
    }

    public static TheoryData<string, string[]> Mutations => new()
    {
        // RFC 9901 §7.3 step 5.f.
        { "nonce of another transaction", [SdJwtErrorCodes.KeyBindingNonceMismatch] },

        // §7.1 step 3 and §7.3 step 5.g.
        { "disclosure value changed", [SdJwtErrorCodes.UnreferencedDisclosure, SdJwtErrorCodes.KeyBindingSdHashMismatch] },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Wallet_verify_rejects_a_wrong_or_tampered_peer_presentation_with_exit_1_and_its_code_RFC9901_7_3(string mutation, string[] codes)
    {
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance
        {
            Pki = _pki,
            Nonce = mutation == "nonce of another transaction" ? "nonce-of-another-transaction" : InteropCredential.Nonce,
        });
        var presentation = Tamper.Apply(mutation, peer.Presentation);

        var (exit, stdout, stderr) = await Verify(presentation);

        exit.Should().Be(1, stderr + stdout);
        var report = JsonNode.Parse(stdout)!.AsObject();
        report["valid"]!.GetValue<bool>().Should().BeFalse();
        report["claims"].Should().BeNull();
        report["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().BeEquivalentTo(codes);
    }

    [Fact]
    public async Task Wallet_issue_and_present_give_a_presentation_the_peer_verifies_with_exactly_the_disclosed_claims_RFC9901_7_3()
    {
        var presentation = await IssueAndPresentWithCli();

        var verdict = await _peer.VerifyAsync(presentation, null, _pki);

        verdict.Error.Should().BeNull();
        verdict.Header!["typ"]!.GetValue<string>().Should().Be("dc+sd-jwt");
        verdict.Header!["x5c"]!.AsArray().Should().HaveCount(2, "leaf and intermediate; the anchor is not sent (HAIP 1.0 §6.1.1)");
        var subject = InteropCredential.SubjectClaims(verdict.Claims!);
        JsonNode.DeepEquals(subject, InteropCredential.ExpectedDisclosedClaims()).Should().BeTrue(subject.ToJsonString());
    }

    [Fact]
    public async Task Wallet_presentation_with_a_changed_disclosure_is_rejected_by_the_peer_RFC9901_7_1()
    {
        var presentation = Tamper.Apply("disclosure value changed", await IssueAndPresentWithCli());

        var verdict = await _peer.VerifyAsync(presentation, null, _pki);

        verdict.Verified.Should().BeFalse();
        verdict.Error.Should().Contain("Unreferenced disclosure");
    }

    public void Dispose()
    {
        _cli.Dispose();
        _pki.Dispose();
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> Verify(string presentation) =>
        await _cli.RunAsync(
            "verify", _cli.Write("presentation.txt", presentation), "--trust", _cli.Write("root.pem", _pki.RootPem),
            "--aud", InteropCredential.Audience, "--nonce", InteropCredential.Nonce, "--vct", InteropCredential.Vct);

    // The same selection as the peer's frames, in the CLI's path syntax. The member "18" is written as a JSON claims
    // path pointer: in the a/b form a number is an array index.
    private async Task<string> IssueAndPresentWithCli()
    {
        var holderKey = Path.Combine(_cli.Folder, "holder.jwk");
        (await _cli.RunAsync("keys", "new", "--out", holderKey)).ExitCode.Should().Be(0);
        var issue = await _cli.RunAsync(
            "issue", "sd-jwt", "--claims", _cli.Write("claims.json", InteropCredential.Claims().ToJsonString()),
            "--key", _cli.Write("issuer.key.pem", _pki.IssuerKeyPem), "--x5c", _cli.Write("issuer.pem", _pki.IssuerPem),
            "--holder-key", holderKey, "--vct", InteropCredential.Vct, "--iss", "https://issuer.example",
            "--sd", "given_name", "--sd", "family_name", "--sd", "birthdate", "--sd", "address", "--sd", "address/street_address",
            "--sd", "address/locality", "--sd", "nationalities", "--sd", "nationalities/0", "--sd", "nationalities/1",
            "--sd", "age_equal_or_over", "--sd", """["age_equal_or_over","18"]""", "--sd", """["age_equal_or_over","65"]""");
        issue.ExitCode.Should().Be(0, issue.Stderr);
        var present = await _cli.RunAsync(
            "present", _cli.Write("credential.txt", issue.Stdout.Trim()), "--holder-key", holderKey,
            "--disclose", "given_name", "--disclose", "address/locality", "--disclose", "nationalities/1",
            "--disclose", """["age_equal_or_over","18"]""", "--aud", InteropCredential.Audience, "--nonce", InteropCredential.Nonce);
        present.ExitCode.Should().Be(0, present.Stderr);
        return present.Stdout.Trim();
    }
}
