using System.Buffers.Text;
using System.Text;

namespace Wallet.Cli.Tests;

/// <summary>
/// <c>wallet verify</c> on SD-JWTs whose base64url-decoded JSON holds invalid UTF-8 (issue 10, defect 2): exit 1
/// (invalid) with the error code, never 70 (a bug), which about one in six byte-mutated SD-JWTs used to give.
/// </summary>
public sealed class InvalidUtf8VerifyTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0x5C, 0x75, 0x64, 0x63, 0x30, 0x30 })]
    public async Task Issuer_jwt_header_with_invalid_utf8_exits_1_with_the_code_RFC8259_8_1(byte[] inside)
    {
        var credential = await File.ReadAllTextAsync(await IssuerSetup.IssueAsync(_cli));
        var header = Base64Url.DecodeFromChars(credential.AsSpan(0, credential.IndexOf('.', StringComparison.Ordinal)));
        byte[] hostile = [.. "{\"kid\":\""u8, .. inside, .. "\","u8, .. header.AsSpan(1)];
        await File.WriteAllTextAsync(_cli.PathOf("hostile.txt"), Base64Url.EncodeToString(hostile) + credential[credential.IndexOf('.', StringComparison.Ordinal)..]);

        var run = await _cli.RunAsync("verify", _cli.PathOf("hostile.txt"), "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Json["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).Should().Contain("sd_jwt.issuer_jwt_malformed");
        run.Stdout.Should().Contain("json.invalid_utf8");
    }

    [Fact]
    public async Task Disclosure_with_invalid_utf8_exits_1_with_the_json_code_RFC9901_4_2()
    {
        var credential = await File.ReadAllTextAsync(await IssuerSetup.IssueAsync(_cli));
        var disclosure = Base64Url.EncodeToString([.. "[\"salt\",\"given_name\",\""u8, 0xFF, .. "\"]"u8]);
        await File.WriteAllTextAsync(_cli.PathOf("hostile.txt"), credential.Trim().TrimEnd('~') + "~" + disclosure + "~");

        var run = await _cli.RunAsync("verify", _cli.PathOf("hostile.txt"), "--trust", _cli.PathOf("ca.pem"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Stdout.Should().Contain("json.invalid_utf8");
    }

    [Fact]
    public async Task No_base64url_character_substitution_makes_verify_fail_with_an_internal_error()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var credential = await File.ReadAllTextAsync(await IssuerSetup.IssueAsync(_cli));
        var positions = Enumerable.Range(0, credential.Length).Where(i => credential[i] is not ('.' or '~')).ToArray();
        var random = new Random(20261202);
        var path = _cli.PathOf("mutated.txt");
        var exits = new Dictionary<int, int>();
        for (var i = 0; i < 200; i++)
        {
            var mutated = new StringBuilder(credential);
            var at = positions[random.Next(positions.Length)];
            mutated[at] = Alphabet[(Alphabet.IndexOf(credential[at], StringComparison.Ordinal) + 1 + random.Next(Alphabet.Length - 1)) % Alphabet.Length];
            await File.WriteAllTextAsync(path, mutated.ToString());

            var run = await _cli.RunAsync("verify", path, "--trust", _cli.PathOf("ca.pem"));

            run.ExitCode.Should().Be(1, $"substitution at {at}: {run}");
            exits[run.ExitCode] = exits.GetValueOrDefault(run.ExitCode) + 1;
        }

        exits.Should().ContainKey(1).WhoseValue.Should().Be(200);
    }
}
