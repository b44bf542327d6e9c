using System.Text.Json.Nodes;

namespace Wallet.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Offline_demo_issues_presents_and_verifies_a_PID_and_prints_the_four_disclosed_claims()
    {
        var data = _cli.PathOf("demo-data");

        var run = await _cli.RunAsync("demo", "--offline", "--data", data);

        run.ExitCode.Should().Be(0, run.ToString());
        var lines = run.Stdout.Split('\n');
        lines.Should().Contain(l => l.StartsWith("1. setup", StringComparison.Ordinal) && l.Contains(" ms", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("2. issue", StringComparison.Ordinal) && l.Contains("urn:eudi:pid:1", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("3. present", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("4. verify", StringComparison.Ordinal) && l.Contains("valid", StringComparison.Ordinal));
        var claims = VerifiedClaims(run.Stdout);
        claims.Select(c => c.Key).Should().BeEquivalentTo("given_name", "family_name", "birthdate", "address");
        claims["address"]!.AsObject().Select(c => c.Key).Should().Equal("locality");
        foreach (var file in new[] { "iaca.pem", "iaca.key.pem", "issuer.pem", "issuer.key.pem", "holder.jwk" })
        {
            File.Exists(Path.Combine(data, file)).Should().BeTrue(file);
        }
    }

    [Fact]
    public async Task Second_offline_demo_run_reuses_the_keys_of_the_data_folder()
    {
        var data = _cli.PathOf("demo-data");
        await _cli.RunOkAsync("demo", "--offline", "--data", data);
        var root = await File.ReadAllTextAsync(Path.Combine(data, "iaca.pem"));
        var holder = await File.ReadAllTextAsync(Path.Combine(data, "holder.jwk"));

        var second = await _cli.RunOkAsync("demo", "--offline", "--data", data, "--person", "jan");

        second.Should().Contain("reused");
        (await File.ReadAllTextAsync(Path.Combine(data, "iaca.pem"))).Should().Be(root);
        (await File.ReadAllTextAsync(Path.Combine(data, "holder.jwk"))).Should().Be(holder);
        VerifiedClaims(second)["given_name"]!.GetValue<string>().Should().Be("Jan");
    }

    [Fact]
    public async Task Offline_demo_with_a_corrupt_data_folder_exits_with_2_and_says_how_to_recover()
    {
        var data = _cli.PathOf("demo-data");
        await _cli.RunOkAsync("demo", "--offline", "--data", data);
        await File.WriteAllTextAsync(Path.Combine(data, "holder.jwk"), "{ not json");

        var run = await _cli.RunAsync("demo", "--offline", "--data", data);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("holder key").And.Contain("Delete the demo data folder");
    }

    private static JsonObject VerifiedClaims(string stdout)
    {
        var marker = stdout.IndexOf("Verified claims:", StringComparison.Ordinal);
        marker.Should().BeGreaterThanOrEqualTo(0, stdout);
        return JsonNode.Parse(stdout[(marker + "Verified claims:".Length)..])!.AsObject();
    }
}
