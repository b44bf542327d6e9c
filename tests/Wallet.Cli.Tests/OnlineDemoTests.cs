using System.Text.Json.Nodes;
using Wallet.Cli.Demo;
using Wallet.Core.Development;
using Wallet.Core.Trust;

namespace Wallet.Cli.Tests;

/// <summary>
/// <c>wallet demo</c> end to end, as the README's first command runs it: both services in-process over TLS, the
/// wallet through both OpenID4VCI grants and an OpenID4VP presentation. Each run is capped at two minutes (a few
/// seconds in practice) so that a hang fails the build instead of stalling it.
/// </summary>
public sealed class OnlineDemoTests : IDisposable
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(120);
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    private static readonly string[] ExpectedSteps =
    [
        "setup", "start",
        "pre-authorized/agency-offer", "pre-authorized/offer", "pre-authorized/metadata", "pre-authorized/token",
        "pre-authorized/nonce", "pre-authorized/key-attestation", "pre-authorized/credential", "pre-authorized/notification", "pre-authorized/nonce", "pre-authorized/key-attestation", "pre-authorized/credential", "pre-authorized/notification",
        "authorization-code/metadata", "authorization-code/par", "authorization-code/authorize", "authorization-code/token",
        "authorization-code/nonce", "authorization-code/key-attestation", "authorization-code/credential", "authorization-code/notification", "authorization-code/nonce", "authorization-code/key-attestation", "authorization-code/credential", "authorization-code/notification",
        "presentation/rp-request", "presentation/request", "presentation/dcql", "presentation/present", "presentation/response", "presentation/rp-result",
        "age-check/agency-offer", "age-check/offer", "age-check/metadata", "age-check/token", "age-check/nonce", "age-check/credential", "age-check/notification",
        "age-check/rp-request", "age-check/request", "age-check/dcql", "age-check/present", "age-check/response", "age-check/rp-result",
        "representation/agency-offer", "representation/offer", "representation/metadata", "representation/token", "representation/nonce", "representation/credential", "representation/notification",
        "representation/agency-offer", "representation/offer", "representation/metadata", "representation/token", "representation/nonce", "representation/credential", "representation/notification",
        "representation/rp-request", "representation/request", "representation/dcql", "representation/present", "representation/response", "representation/rp-result",
    ];

    [Fact]
    public async Task Demo_obtains_PID_in_both_formats_through_both_grants_and_the_relying_party_gets_verified_claims_OID4VCI_OID4VP()
    {
        var data = _cli.PathOf("demo");

        var run = await _cli.RunAsync("demo", "--data", data).WaitAsync(Cap);

        run.ExitCode.Should().Be(0, run.ToString());
        (run.Stdout + run.Stderr).Should().NotContain("fail: ", "a first run on an empty data folder logs no error (the issuer database is migrated before data protection reads its key ring from it)");
        var steps = StepLines(run.Stdout);
        steps.Select(s => s.Name).Should().Equal(ExpectedSteps);
        steps.Should().OnlyContain(s => s.Line.Contains(" ms  ", StringComparison.Ordinal), "each step prints its timing");
        steps.Single(s => s.Name == "pre-authorized/token").Line.Should().Contain("wallet attestation");
        steps.Single(s => s.Name == "authorization-code/par").Line.Should().Contain("PKCE S256").And.Contain("dpop_jkt");
        steps.Where(s => s.Name == "authorization-code/credential").Should().OnlyContain(s => s.Line.Contains("key proof with key attestation of 1 key", StringComparison.Ordinal), "the PID is bound to attested keys (OpenID4VCI 1.0 Appendix F.1, HAIP 1.0 Sec. 4.5.1)");
        steps.Where(s => s.Name == "authorization-code/key-attestation").Should().OnlyContain(s => s.Line.Contains("iso_18045_high", StringComparison.Ordinal));
        steps.Single(s => s.Name == "presentation/present").Line.Should().Contain("ECDH-ES");

        var sdJwt = Credential(run.Stdout, "pid-sd-jwt");
        sdJwt.Summary.Should().Contain("dc+sd-jwt urn:eudi:pid:1").And.Contain("level of assurance high").And.Contain("status valid").And.Contain("holder binding verified");
        sdJwt.Claims["given_name"]!.GetValue<string>().Should().Be("Kari");
        sdJwt.Claims["family_name"]!.GetValue<string>().Should().Be("Nordmann");
        sdJwt.Claims["birthdate"]!.GetValue<string>().Should().Be("1985-04-12");
        sdJwt.Claims.Should().NotContainKey("nationalities", "only the claims the DCQL query asked for are disclosed");

        var mdoc = Credential(run.Stdout, "pid-mdoc");
        mdoc.Summary.Should().Contain("mso_mdoc eu.europa.ec.eudi.pid.1").And.Contain("level of assurance high").And.Contain("status valid").And.Contain("holder binding verified");
        mdoc.Claims["eu.europa.ec.eudi.pid.1"]!.AsObject().Select(c => c.Key).Should().BeEquivalentTo("given_name", "family_name", "birth_date");

        steps.Single(s => s.Name == "age-check/credential").Line.Should().Contain("3 × mso_mdoc (eu.europa.ec.av.1)", "a batch of single-use attestations");
        run.Stdout.Should().Contain(OnlineDemo.AgeGateMarker + " (age_over 18): yes; nothing else (no name, no birth date)");
        run.Stdout.Should().Contain(OnlineDemo.RepresentationMarker + " (service school-enrolment): Kari Nordmann acts for Ola Nordmann with scope school-enrolment, health-records (parental_responsibility)");
        run.Stdout.Should().Contain("/.well-known/openid-credential-issuer").And.Contain("/api/presentations");
        run.Stdout.Should().MatchRegex(@"issuer offer page +https://localhost:\d+/offers/[A-Za-z0-9_-]+ ", "the demo leaves a fresh offer page to open (issue 7)")
            .And.MatchRegex(@"relying-party page +https://localhost:\d+/rp");
        foreach (var file in new[] { "tls/localhost.pem", "tls/localhost.key.pem", "wallet-provider/root.pem", "issuer/keys/root.pem", "issuer/issuer.db", "verifier/verifier.db" })
        {
            File.Exists(Path.Combine(data, file)).Should().BeTrue(file);
        }

        if (!OperatingSystem.IsWindows())
        {
            // Keys, databases and their SQLite companions: the owner's only, in folders only the owner enters.
            FileModes.AssertPrivateTree(data);
        }

        // A second run reuses the data folder: same TLS certificate, wallet provider and issuer root.
        var tls = await File.ReadAllTextAsync(Path.Combine(data, "tls", "localhost.pem"));
        var root = await File.ReadAllTextAsync(Path.Combine(data, "issuer", "keys", "root.pem"));

        var second = await _cli.RunAsync("demo", "--data", data, "--person", "amina-haddad").WaitAsync(Cap);

        second.ExitCode.Should().Be(0, second.ToString());
        StepLines(second.Stdout)[0].Line.Should().Contain("localhost TLS certificate (reused)").And.Contain("wallet provider (reused)");
        (await File.ReadAllTextAsync(Path.Combine(data, "tls", "localhost.pem"))).Should().Be(tls);
        (await File.ReadAllTextAsync(Path.Combine(data, "issuer", "keys", "root.pem"))).Should().Be(root);
        Credential(second.Stdout, "pid-sd-jwt").Claims["given_name"]!.GetValue<string>().Should().Be("Amina");
    }

    [Fact]
    public async Task Demo_failure_names_the_flow_the_step_and_the_spec_error_and_exits_1_HAIP_4_4_1()
    {
        // A wallet provider the issuer does not know: its attestation is refused at the token endpoint.
        var data = _cli.PathOf("demo");
        var folder = Path.Combine(data, "wallet-provider");
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var trusted = DevelopmentCertificates.CreateRootCa(now, "Root the issuer trusts", pathLength: 0);
        using var other = DevelopmentCertificates.CreateRootCa(now, "Unknown wallet provider", pathLength: 0);
        using var signer = DevelopmentCertificates.CreateSigner(other, now, "Unknown wallet provider signer");
        await File.WriteAllTextAsync(Path.Combine(folder, DemoWalletProvider.RootFile), DevelopmentCertificates.ExportCertificatePem(trusted));
        await File.WriteAllTextAsync(Path.Combine(folder, DemoWalletProvider.SignerFile), DevelopmentCertificates.ExportCertificatePem(signer));
        await File.WriteAllTextAsync(Path.Combine(folder, DemoWalletProvider.SignerKeyFile), DevelopmentCertificates.ExportPrivateKeyPem(signer));

        var run = await _cli.RunAsync("demo", "--data", data).WaitAsync(Cap);

        run.ExitCode.Should().Be(1, run.ToString());
        var failed = StepLines(run.Stdout).Last();
        failed.Name.Should().Be("pre-authorized/token");
        failed.Line.Should().Contain("FAILED").And.Contain("token: invalid_client (HTTP 401)");
        run.Stderr.Should().Contain("error: pre-authorized/token: invalid_client");
        run.Stdout.Should().NotContain(OnlineDemo.ResultMarker);
    }

    [Fact]
    public async Task Keep_running_cannot_be_combined_with_offline()
    {
        var run = await _cli.RunAsync("demo", "--offline", "--keep-running", "--data", _cli.PathOf("demo"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Stderr.Should().Contain("--keep-running");
    }

    private static List<(string Name, string Line)> StepLines(string stdout) =>
        stdout.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+\. "))
            .Select(l => (l.TrimStart().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], l))
            .ToList();

    private static (string Summary, JsonObject Claims) Credential(string stdout, string queryId)
    {
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var marker = lines.FindIndex(l => l.StartsWith(OnlineDemo.ResultMarker, StringComparison.Ordinal));
        marker.Should().BeGreaterThan(0, stdout);
        var index = lines.FindIndex(marker, l => l.StartsWith($"  {queryId}: ", StringComparison.Ordinal));
        index.Should().BeGreaterThan(marker, stdout);
        var claimsLine = lines[index + 1].Trim();
        claimsLine.Should().StartWith("claims ");
        return (lines[index], JsonNode.Parse(claimsLine["claims ".Length..])!.AsObject());
    }
}
