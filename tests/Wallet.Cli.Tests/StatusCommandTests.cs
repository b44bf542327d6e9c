using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;

namespace Wallet.Cli.Tests;

/// <summary><c>status decode</c>, <c>status check</c> and <c>verify --check-status</c> against tokens served on loopback.</summary>
public sealed class StatusCommandTests : IDisposable
{
    private const int ValidIndex = 5;
    private const int SuspendedIndex = 3;
    private const int RevokedIndex = 17;

    // Index 0 to 15 of the draft's example list (draft-ietf-oauth-status-list-20 §5.1, §5.2): 1 0 0 1 1 1 0 1 1 1 0 0 0 1 0 1.
    private static readonly int[] VectorNonZero = [0, 3, 4, 5, 7, 8, 9, 13, 15];

    private readonly CliFixture _cli = new();
    private readonly LoopbackServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _cli.Dispose();
    }

    [Fact]
    public async Task Decode_shows_the_bits_count_and_non_zero_statuses_of_a_JWT_token_TokenStatusList_5_1()
    {
        await IssuerSetup.IssueAsync(_cli);
        var token = await CreateTokenAsync(new Uri("https://status.example/lists/1"));
        await File.WriteAllTextAsync(_cli.PathOf("list.jwt"), token);

        var run = await _cli.RunAsync("status", "decode", _cli.PathOf("list.jwt"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["format"]!.GetValue<string>().Should().Be("jwt");
        run.Json["header"]!["typ"]!.GetValue<string>().Should().Be("statuslist+jwt");
        run.Json["claims"]!["sub"]!.GetValue<string>().Should().Be("https://status.example/lists/1");
        var statuses = run.Json["statuses"]!;
        statuses["bits"]!.GetValue<int>().Should().Be(2);
        statuses["count"]!.GetValue<int>().Should().Be(32);
        NonZero(statuses).Should().Equal(new Dictionary<string, int> { ["3"] = 2, ["17"] = 1 });
        statuses["all"].Should().BeNull();
        run.Json["verified"].Should().BeNull();
        run.Stderr.Should().Contain("not verified");
    }

    [Fact]
    public async Task Decode_with_all_lists_every_entry_in_index_order_TokenStatusList_4_1()
    {
        await IssuerSetup.IssueAsync(_cli);
        await File.WriteAllTextAsync(_cli.PathOf("list.jwt"), await CreateTokenAsync(new Uri("https://status.example/lists/1")));

        var run = await _cli.RunAsync("status", "decode", _cli.PathOf("list.jwt"), "--all");

        var all = run.Json["statuses"]!["all"]!.AsArray().Select(s => s!.GetValue<int>()).ToList();
        all.Should().HaveCount(32);
        all[SuspendedIndex].Should().Be(2);
        all[RevokedIndex].Should().Be(1);
        all.Where((_, i) => i is not SuspendedIndex and not RevokedIndex).Should().OnlyContain(s => s == 0);
    }

    [Fact]
    public async Task Token_signed_under_the_trust_anchor_is_verified_TokenStatusList_8_3()
    {
        await IssuerSetup.IssueAsync(_cli);
        await File.WriteAllTextAsync(_cli.PathOf("list.jwt"), await CreateTokenAsync(new Uri("https://status.example/lists/1")));

        var run = await _cli.RunAsync("status", "decode", _cli.PathOf("list.jwt"), "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["verified"]!.GetValue<bool>().Should().BeTrue();
        run.Json["errors"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Token_signed_under_another_anchor_is_rejected_TokenStatusList_8_3()
    {
        await IssuerSetup.IssueAsync(_cli);
        await File.WriteAllTextAsync(_cli.PathOf("list.jwt"), await CreateTokenAsync(new Uri("https://status.example/lists/1")));
        await _cli.RunOkAsync("cert", "ca", "--cn", "Other IACA", "--out-cert", _cli.PathOf("other.pem"), "--out-key", _cli.PathOf("other.key.pem"));

        var run = await _cli.RunAsync("status", "decode", _cli.PathOf("list.jwt"), "--trust", _cli.PathOf("other.pem"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["verified"]!.GetValue<bool>().Should().BeFalse();
        Codes(run.Json).Should().Contain("status_list.untrusted");
        run.Json["statuses"]!["bits"]!.GetValue<int>().Should().Be(2, "the content is still shown");
    }

    [Theory]
    [InlineData("status-list-token.cwt.hex", "cwt")]
    [InlineData("status-list-token.jwt", "jwt")]
    public async Task Spec_example_token_decodes_to_its_statuses_and_verifies_with_the_example_key_TokenStatusList_5(string file, string format)
    {
        var run = await _cli.RunAsync("status", "decode", Vector(file), "--trust-key", Vector("example-key.public.jwk"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["format"]!.GetValue<string>().Should().Be(format);
        run.Json["verified"]!.GetValue<bool>().Should().BeTrue();
        var statuses = run.Json["statuses"]!;
        statuses["bits"]!.GetValue<int>().Should().Be(1);
        statuses["count"]!.GetValue<int>().Should().Be(16);
        NonZero(statuses).Keys.Select(int.Parse).Should().Equal(VectorNonZero);
        NonZero(statuses).Values.Should().OnlyContain(s => s == 1);
        var subject = format == "cwt" ? run.Json["claims"]!["2"] : run.Json["claims"]!["sub"];
        subject!.GetValue<string>().Should().Be("https://example.com/statuslists/1");
    }

    [Fact]
    public async Task Spec_example_CWT_with_a_flipped_signature_byte_is_rejected_TokenStatusList_8_3()
    {
        var hex = (await File.ReadAllTextAsync(Vector("status-list-token.cwt.hex"))).Trim();
        var bytes = Convert.FromHexString(hex);
        bytes[^1] ^= 0x01;
        await File.WriteAllBytesAsync(_cli.PathOf("tampered.cwt"), bytes);

        var run = await _cli.RunAsync("status", "decode", _cli.PathOf("tampered.cwt"), "--trust-key", Vector("example-key.public.jwk"));

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Equal("status_list.signature_invalid");
    }

    [Fact]
    public async Task Decode_fetches_a_token_from_a_URL_and_holds_its_sub_to_that_URL_TokenStatusList_8_2()
    {
        await IssuerSetup.IssueAsync(_cli);
        var uri = _server.UrlOf("lists/1");
        _server.Serve("lists/1", StatusListMediaTypes.Jwt, Encoding.ASCII.GetBytes(await CreateTokenAsync(uri)));
        _server.Serve("lists/2", StatusListMediaTypes.Jwt, Encoding.ASCII.GetBytes(await CreateTokenAsync(uri)));

        var run = await _cli.RunAsync("status", "decode", uri.ToString(), "--trust", _cli.PathOf("ca.pem"), "--allow-http-loopback");
        var elsewhere = await _cli.RunAsync("status", "decode", _server.UrlOf("lists/2").ToString(), "--trust", _cli.PathOf("ca.pem"), "--allow-http-loopback");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Json["verified"]!.GetValue<bool>().Should().BeTrue();
        elsewhere.ExitCode.Should().Be(1, elsewhere.ToString());
        Codes(elsewhere.Json).Should().Equal("status_list.sub_mismatch");
    }

    [Fact]
    public async Task Decode_refuses_plain_http_without_the_loopback_option_TokenStatusList_8_1()
    {
        var run = await _cli.RunAsync("status", "decode", _server.UrlOf("lists/1").ToString());

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--allow-http-loopback");
    }

    [Theory]
    [InlineData(ValidIndex, 0, "valid")]
    [InlineData(RevokedIndex, 1, "invalid")]
    [InlineData(SuspendedIndex, 1, "suspended")]
    public async Task Check_follows_the_SD_JWT_VC_status_claim_to_its_entry_TokenStatusList_6_2(int index, int expectedExit, string expectedStatus)
    {
        var uri = _server.UrlOf("lists/1");
        var credential = await IssuerSetup.IssueAsync(_cli, "jwk", "--status-uri", uri.ToString(), "--status-index", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _server.Serve("lists/1", StatusListMediaTypes.Jwt, Encoding.ASCII.GetBytes(await CreateTokenAsync(uri)));

        var run = await _cli.RunAsync("status", "check", credential, "--trust", _cli.PathOf("ca.pem"), "--allow-http-loopback");

        run.ExitCode.Should().Be(expectedExit, run.ToString());
        run.Json["uri"]!.GetValue<string>().Should().Be(uri.ToString());
        run.Json["index"]!.GetValue<int>().Should().Be(index);
        run.Json["status"]!.GetValue<string>().Should().Be(expectedStatus);
        run.Json["errors"]!.AsArray().Should().BeEmpty();
    }

    [Theory]
    [InlineData(ValidIndex, 0, "valid")]
    [InlineData(RevokedIndex, 1, "invalid")]
    public async Task Check_follows_the_mdoc_MSO_status_to_its_entry_TokenStatusList_6_3(int index, int expectedExit, string expectedStatus)
    {
        var uri = _server.UrlOf("lists/mdoc");
        var credential = await MdocSetup.IssueAsync(_cli, "--status-uri", uri.ToString(), "--status-index", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _server.Serve("lists/mdoc", StatusListMediaTypes.Cwt, await CreateTokenAsync(uri, cwt: true));

        var run = await _cli.RunAsync("status", "check", credential, "--trust", _cli.PathOf("ca.pem"), "--allow-http-loopback");

        run.ExitCode.Should().Be(expectedExit, run.ToString());
        run.Json["status"]!.GetValue<string>().Should().Be(expectedStatus);
    }

    [Fact]
    public async Task Check_over_plain_http_without_the_loopback_option_fails_closed_TokenStatusList_8_1()
    {
        var uri = _server.UrlOf("lists/1");
        var credential = await IssuerSetup.IssueAsync(_cli, "jwk", "--status-uri", uri.ToString(), "--status-index", "5");
        _server.Serve("lists/1", StatusListMediaTypes.Jwt, Encoding.ASCII.GetBytes(await CreateTokenAsync(uri)));

        var run = await _cli.RunAsync("status", "check", credential, "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["status"].Should().BeNull();
        Codes(run.Json).Should().Equal("status_list.insecure_uri");
    }

    [Theory]
    [InlineData(ValidIndex, 0, "Valid", null)]
    [InlineData(RevokedIndex, 1, "Revoked", "sd_jwt_vc.revoked")]
    [InlineData(SuspendedIndex, 1, "Suspended", "sd_jwt_vc.suspended")]
    public async Task Verify_with_check_status_reports_the_SD_JWT_VC_status_TokenStatusList_8_3(int index, int expectedExit, string expectedStatus, string? expectedCode)
    {
        var uri = _server.UrlOf("lists/1");
        var credential = await IssuerSetup.IssueAsync(_cli, "jwk", "--status-uri", uri.ToString(), "--status-index", index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _server.Serve("lists/1", StatusListMediaTypes.Jwt, Encoding.ASCII.GetBytes(await CreateTokenAsync(uri)));

        var run = await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"), "--check-status", "--allow-http-loopback");

        run.ExitCode.Should().Be(expectedExit, run.ToString());
        run.Json["status"]!.GetValue<string>().Should().Be(expectedStatus);
        Codes(run.Json).Should().Equal(expectedCode is null ? [] : [expectedCode]);
    }

    [Fact]
    public async Task Verify_with_check_status_rejects_a_revoked_mdoc_TokenStatusList_8_3()
    {
        var uri = _server.UrlOf("lists/mdoc");
        var credential = await MdocSetup.IssueAsync(_cli, "--status-uri", uri.ToString(), "--status-index", RevokedIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _server.Serve("lists/mdoc", StatusListMediaTypes.Jwt, Encoding.ASCII.GetBytes(await CreateTokenAsync(uri)));

        var run = await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"), "--check-status", "--allow-http-loopback");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["status"]!.GetValue<string>().Should().Be("Revoked");
        Codes(run.Json).Should().Equal("mdoc.status_revoked");
    }

    [Fact]
    public async Task Verify_with_check_status_fails_closed_when_the_list_cannot_be_fetched_TokenStatusList_8_3()
    {
        var credential = await IssuerSetup.IssueAsync(_cli, "jwk", "--status-uri", _server.UrlOf("missing").ToString(), "--status-index", "5");

        var run = await _cli.RunAsync("verify", credential, "--trust", _cli.PathOf("ca.pem"), "--check-status", "--allow-http-loopback");

        run.ExitCode.Should().Be(1, run.ToString());
        Codes(run.Json).Should().Equal("sd_jwt_vc.status_unchecked", "status_list.http_status");
    }

    /// <summary>A 2-bit list of 32 entries, index 3 SUSPENDED and 17 INVALID, signed by a status-list certificate under ca.pem.</summary>
    private async Task<string> CreateTokenAsync(Uri subject) => Encoding.ASCII.GetString(await CreateTokenAsync(subject, cwt: false));

    private async Task<byte[]> CreateTokenAsync(Uri subject, bool cwt)
    {
        if (!File.Exists(_cli.PathOf("status.pem")))
        {
            await _cli.RunOkAsync("cert", "issue", "--ca", _cli.PathOf("ca.pem"), "--ca-key", _cli.PathOf("ca.key.pem"), "--profile", "status-list", "--out-cert", _cli.PathOf("status.pem"), "--out-key", _cli.PathOf("status.key.pem"));
        }

        using var certificate = X509Certificate2.CreateFromPemFile(_cli.PathOf("status.pem"), _cli.PathOf("status.key.pem"));
        using var key = certificate.GetECDsaPrivateKey()!;
        var signingKey = new SigningKey(key, certificateChain: [certificate]);
        var list = new StatusListBuilder(2, 32).SetStatus(SuspendedIndex, TokenStatus.Suspended).SetStatus(RevokedIndex, TokenStatus.Invalid).ToStatusList();
        var now = DateTimeOffset.UtcNow;
        var token = new StatusListToken(subject, now.AddMinutes(-1), list, now.AddHours(1), TimeSpan.FromMinutes(5));
        return cwt ? token.ToCwt(signingKey) : Encoding.ASCII.GetBytes(token.ToJwt(signingKey));
    }

    private static Dictionary<string, int> NonZero(JsonNode statuses) =>
        statuses["nonZero"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<int>());

    private static string Vector(string name) => Path.Combine(AppContext.BaseDirectory, "Vectors", "status-list", name);

    private static List<string> Codes(JsonObject report) =>
        report["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToList();
}
