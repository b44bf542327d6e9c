using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

public sealed class KeysCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task New_JWK_key_is_a_private_P256_key_RFC7518_6_2_2()
    {
        var jwk = JsonNode.Parse(await _cli.RunOkAsync("keys", "new"))!.AsObject();

        jwk["kty"]!.GetValue<string>().Should().Be("EC");
        jwk["crv"]!.GetValue<string>().Should().Be("P-256");
        Convert.FromBase64String(Pad(jwk["d"]!.GetValue<string>())).Should().HaveCount(32);
    }

    [Fact]
    public async Task New_PEM_key_is_PKCS8()
    {
        var pem = await _cli.RunOkAsync("keys", "new", "--format", "pem");

        pem.Should().StartWith("-----BEGIN PRIVATE KEY-----");
    }

    [Theory]
    [InlineData("jwk")]
    [InlineData("pem")]
    public async Task Public_key_of_a_key_file_matches_the_one_printed_when_it_was_written(string format)
    {
        var written = JsonNode.Parse(await _cli.RunOkAsync("keys", "new", "--format", format, "--out", _cli.PathOf("k")))!.AsObject();

        var read = JsonNode.Parse(await _cli.RunOkAsync("keys", "public", _cli.PathOf("k")))!.AsObject();

        read["x"]!.GetValue<string>().Should().Be(written["x"]!.GetValue<string>());
        read["y"]!.GetValue<string>().Should().Be(written["y"]!.GetValue<string>());
        read["d"].Should().BeNull();
        read["kid"]!.GetValue<string>().Should().HaveLength(43, "an RFC 7638 SHA-256 thumbprint is 32 bytes, 43 base64url characters");
    }

    [Fact]
    public async Task Private_key_file_is_readable_by_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await _cli.RunOkAsync("keys", "new", "--out", _cli.PathOf("k.jwk"));

        File.GetUnixFileMode(_cli.PathOf("k.jwk")).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task JWK_whose_private_part_does_not_match_its_public_part_is_refused()
    {
        var first = JsonNode.Parse(await _cli.RunOkAsync("keys", "new"))!.AsObject();
        var second = JsonNode.Parse(await _cli.RunOkAsync("keys", "new"))!.AsObject();
        first["d"] = second["d"]!.GetValue<string>();
        await File.WriteAllTextAsync(_cli.PathOf("mixed.jwk"), first.ToJsonString());

        var run = await _cli.RunAsync("keys", "public", _cli.PathOf("mixed.jwk"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("not a consistent P-256 key");
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
