using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

/// <summary>keys new → cert ca → cert issue → issue sd-jwt → present → verify, all through <see cref="CliApp"/>.</summary>
public sealed class EndToEndTests : IDisposable
{
    private const string Audience = "x509_san_dns:verifier.example";
    private const string Nonce = "n-0S6_WzA2Mj";

    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Presentation_with_key_binding_verifies_and_reveals_only_the_disclosed_claims_RFC9901_7_3()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var presentation = await IssuerSetup.PresentAsync(_cli, credential, Audience, Nonce, "given_name", "address/locality");

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--aud", Audience, "--nonce", Nonce);

        run.ExitCode.Should().Be(0, run.ToString());
        var report = run.Json;
        report["valid"]!.GetValue<bool>().Should().BeTrue();
        report["format"]!.GetValue<string>().Should().Be("dc+sd-jwt");
        report["vct"]!.GetValue<string>().Should().Be(IssuerSetup.Vct);
        report["issuer"]!.GetValue<string>().Should().Be("https://issuer.example");
        report["holderBinding"]!.GetValue<bool>().Should().BeTrue();
        report["holderBindingOutcome"]!.GetValue<string>().Should().Be("Verified");
        report["issuerChain"]!.AsArray().Select(c => c!.GetValue<string>()).Should().HaveCount(2)
            .And.StartWith(report["issuerCertificate"]!.GetValue<string>(), "the validated chain is leaf first, ending at the --trust anchor");
        report["errors"]!.AsArray().Should().BeEmpty();
        var claims = report["claims"]!.AsObject();
        claims.Select(c => c.Key).Should().BeEquivalentTo("given_name", "address");
        claims["given_name"]!.GetValue<string>().Should().Be("Ada");
        claims["address"]!.AsObject().Select(c => c.Key).Should().Equal("locality");
        report["disclosed"]!.AsArray().Select(p => p!.GetValue<string>()).Should().BeEquivalentTo("given_name", "address", "address/locality");
    }

    [Theory]
    [InlineData(Audience, "another-nonce", "sd_jwt.kb.nonce_mismatch")]
    [InlineData("x509_san_dns:other.example", Nonce, "sd_jwt.kb.aud_mismatch")]
    public async Task Key_binding_for_another_transaction_is_rejected_RFC9901_7_3_5f(string audience, string nonce, string expectedCode)
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var presentation = await IssuerSetup.PresentAsync(_cli, credential, Audience, Nonce, "given_name");

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--aud", audience, "--nonce", nonce);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["valid"]!.GetValue<bool>().Should().BeFalse();
        run.Json["claims"].Should().BeNull();
        Codes(run.Json).Should().Equal(expectedCode);
    }

    [Fact]
    public async Task Credential_from_an_issuer_outside_the_trust_anchors_is_rejected_HAIP_6_1_1()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var presentation = await IssuerSetup.PresentAsync(_cli, credential, Audience, Nonce, "given_name");
        await _cli.RunOkAsync("cert", "ca", "--cn", "Unrelated IACA", "--out-cert", _cli.PathOf("other-ca.pem"), "--out-key", _cli.PathOf("other-ca.key.pem"));

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("other-ca.pem"), "--aud", Audience, "--nonce", Nonce);

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Contain("trust.untrusted_root").And.Contain(c => c.StartsWith("trust.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trust_anchor_folder_with_the_root_among_others_is_accepted()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var presentation = await IssuerSetup.PresentAsync(_cli, credential, Audience, Nonce, "family_name");
        var anchors = Directory.CreateDirectory(_cli.PathOf("anchors")).FullName;
        await _cli.RunOkAsync("cert", "ca", "--cn", "Unrelated IACA", "--out-cert", Path.Combine(anchors, "other.pem"), "--out-key", _cli.PathOf("other.key.pem"));
        File.Copy(_cli.PathOf("ca.pem"), Path.Combine(anchors, "test-iaca.pem"));

        var run = await _cli.RunAsync("verify", presentation, "--trust", anchors, "--aud", Audience, "--nonce", Nonce);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["claims"]!.AsObject().Select(c => c.Key).Should().Equal("family_name");
    }

    [Fact]
    public async Task Plain_SD_JWT_without_key_binding_verifies_when_no_audience_and_nonce_are_expected_RFC9901_4()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var presentation = await _cli.RunOkAsync("present", credential, "--disclose", "nationalities/1");
        await File.WriteAllTextAsync(_cli.PathOf("plain.txt"), presentation);

        var run = await _cli.RunAsync("verify", _cli.PathOf("plain.txt"), "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["holderBinding"]!.GetValue<bool>().Should().BeFalse();
        run.Json["holderBindingOutcome"]!.GetValue<string>().Should().Be("NotRequested");
        run.Json["claims"]!["nationalities"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Equal("NL");
    }

    [Fact]
    public async Task Plain_SD_JWT_is_rejected_when_key_binding_is_required_RFC9901_7_3_2()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);

        var run = await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"), "--aud", Audience, "--nonce", Nonce);

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Equal("sd_jwt.kb.missing");
    }

    [Fact]
    public async Task Verification_at_a_time_after_expiry_is_rejected_RFC7519_4_1_4()
    {
        var credential = await IssuerSetup.IssueAsync(_cli, "jwk", "--exp-days", "1");
        var twoDaysLater = DateTimeOffset.UtcNow.AddDays(2).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"), "--at", twoDaysLater);

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Equal("sd_jwt.expired");
    }

    [Fact]
    public async Task Presentation_read_from_stdin_verifies()
    {
        var credential = await IssuerSetup.IssueAsync(_cli);
        var presentation = await IssuerSetup.PresentAsync(_cli, credential, Audience, Nonce, "birthdate");

        var run = await _cli.RunWithStdinAsync(await File.ReadAllTextAsync(presentation), "verify", "-", "--trust", _cli.PathOf("ca.pem"), "--aud", Audience, "--nonce", Nonce);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["claims"]!["birthdate"]!.GetValue<string>().Should().Be("1990-05-17");
    }

    [Fact]
    public async Task Holder_key_in_PEM_and_selected_disclosable_paths_are_honoured()
    {
        var credential = await IssuerSetup.IssueAsync(_cli, "pem", "--sd", "given_name", "--sd", "address/locality");
        var decoded = (await _cli.RunAsync("decode", credential)).Json;
        decoded["disclosablePaths"]!.AsArray().Select(p => p!.GetValue<string>()).Should().BeEquivalentTo("given_name", "address/locality");
        var presentation = await IssuerSetup.PresentAsync(_cli, credential, Audience, Nonce, "address/locality");

        var run = await _cli.RunAsync("verify", presentation, "--trust", _cli.PathOf("ca.pem"), "--aud", Audience, "--nonce", Nonce);

        run.ExitCode.Should().Be(0, run.ToString());
        var claims = run.Json["claims"]!.AsObject();
        claims.Select(c => c.Key).Should().BeEquivalentTo("family_name", "birthdate", "address", "nationalities");
        claims["address"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo("locality", "country");
    }

    private static List<string> Codes(JsonObject report) =>
        report["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
}
