namespace Wallet.Cli.Tests;

/// <summary>Bad command lines and unusable files end with exit code 2 and one line on stderr, never a stack trace.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    public static TheoryData<string[], string> BadCommandLines => new()
    {
        { ["verify", "{dir}/missing.txt", "--trust", "{dir}/ca.pem"], "does not exist" },
        { ["verify", "{dir}/credential.txt", "--trust", "{dir}/missing-ca.pem"], "does not exist" },
        { ["verify", "{dir}/credential.txt", "--trust", "{dir}/ca.pem", "--bogus"], "--bogus" },
        { ["verify", "{dir}/credential.txt"], "--trust" },
        { ["verify", "{dir}/credential.txt", "--trust", "{dir}/ca.pem", "--aud", "only-aud"], "--aud and --nonce" },
        { ["verify", "{dir}/credential.txt", "--trust", "{dir}/issuer.pem"], "trust.anchor_not_ca" },
        { ["present", "{dir}/credential.txt", "--disclose", "no_such_claim"], "no_such_claim" },
        { ["present", "{dir}/credential.txt", "--disclose", "given_name", "--bogus"], "--bogus" },
        { ["present", "{dir}/credential.txt", "--aud", "a", "--nonce", "n"], "--holder-key" },
        { ["present", "{dir}/credential.txt", "--holder-key", "{dir}/ca.key.pem", "--aud", "a", "--nonce", "n"], "cnf.jwk" },
        { ["present", "{dir}/claims.json"], "not an SD-JWT" },
        { ["issue", "sd-jwt", "--claims", "{dir}/claims.json", "--key", "{dir}/ca.key.pem", "--x5c", "{dir}/issuer.pem", "--holder-key", "{dir}/holder.key", "--vct", "urn:eudi:pid:1"], "is not the key of the first certificate" },
        { ["issue", "sd-jwt", "--claims", "{dir}/issuer.pem", "--key", "{dir}/issuer.key.pem", "--x5c", "{dir}/issuer.pem", "--holder-key", "{dir}/holder.key", "--vct", "urn:eudi:pid:1"], "not valid JSON" },
        { ["issue", "sd-jwt", "--claims", "{dir}/claims.json", "--key", "{dir}/claims.json", "--x5c", "{dir}/issuer.pem", "--holder-key", "{dir}/holder.key", "--vct", "urn:eudi:pid:1"], "issuer key" },
        { ["issue", "sd-jwt", "--claims", "{dir}/claims.json", "--key", "{dir}/issuer.key.pem", "--x5c", "{dir}/issuer.pem", "--holder-key", "{dir}/holder.key", "--vct", "urn:eudi:pid:1", "--sd", "no/such"], "--sd 'no/such'" },
        { ["cert", "issue", "--ca", "{dir}/issuer.pem", "--ca-key", "{dir}/ca.key.pem", "--out-cert", "{dir}/x.pem", "--out-key", "{dir}/x.key.pem"], "is not the private key" },
        { ["cert", "ca", "--country", "Portugal", "--out-cert", "{dir}/x.pem", "--out-key", "{dir}/x.key.pem"], "--country" },
        { ["keys", "new", "--format", "der"], "der" },
        { ["decode"], "FILE" },
        { ["no-such-command"], "no-such-command" },
    };

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task Bad_input_exits_with_2_and_a_one_line_message(string[] template, string expectedInMessage)
    {
        await IssuerSetup.IssueAsync(_cli);
        var args = template.Select(a => a.Replace("{dir}", _cli.Directory, StringComparison.Ordinal)).ToArray();

        var run = await _cli.RunAsync(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("error: ").And.Contain(expectedInMessage);
        run.Stderr.Should().NotContain("   at ", "no stack trace is shown");
        run.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Registered_claims_in_the_claims_file_are_refused_SD_JWT_VC_2_2_2()
    {
        await IssuerSetup.IssueAsync(_cli);
        await File.WriteAllTextAsync(_cli.PathOf("bad-claims.json"), """{"given_name":"Ada","vct":"urn:other"}""");

        var run = await _cli.RunAsync("issue", "sd-jwt", "--claims", _cli.PathOf("bad-claims.json"), "--key", _cli.PathOf("issuer.key.pem"), "--x5c", _cli.PathOf("issuer.pem"), "--holder-key", _cli.PathOf("holder.key"), "--vct", "urn:eudi:pid:1");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("'vct'").And.NotContain("Parameter");
    }

    [Fact]
    public async Task Help_is_printed_on_stdout_with_exit_code_0()
    {
        var run = await _cli.RunAsync("--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().Contain("verify").And.Contain("demo").And.Contain("present");
    }
}
