using System.Net;
using System.Text.Json.Nodes;
using Wallet.Core.Development;
using Wallet.Verifier.Stores;

namespace Wallet.Verifier.Tests.Operations;

/// <summary>Issue 12 "Observe and limit": liveness and readiness probes of the Verifier (database reachable, request signer usable).</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_when_the_database_answers_and_the_request_signer_signs()
    {
        using var app = new VerifierApp();
        using var client = app.WalletClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!;
        checks["verifier-database"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        checks["verifier-request-signing-key"]!["status"]!.GetValue<string>().Should().Be("Healthy");
    }

    [Fact]
    public async Task Not_ready_once_the_request_signer_certificate_has_expired()
    {
        // A signer valid for two hours, so the clock (which also drives the one-minute purge timer) moves only a little.
        var folder = Directory.CreateTempSubdirectory("verifier-health-").FullName;
        using var root = DevelopmentCertificates.CreateRootCa(DateTimeOffset.UtcNow.AddMinutes(-5), "Health Test Root", pathLength: 0);
        using var signer = DevelopmentCertificates.CreateVerifierRequestSigner(root, DateTimeOffset.UtcNow.AddMinutes(-5), "verifier.example", validity: TimeSpan.FromHours(2));
        var certificatePath = Path.Combine(folder, "signer.pem");
        var keyPath = Path.Combine(folder, "signer.key");
        File.WriteAllText(certificatePath, DevelopmentCertificates.ExportCertificatePem(signer));
        File.WriteAllText(keyPath, DevelopmentCertificates.ExportPrivateKeyPem(signer));
        using var app = new VerifierApp(settings: new()
        {
            ["Verifier:RequestSigningCertificatePath"] = certificatePath,
            ["Verifier:RequestSigningKeyPath"] = keyPath,
        });
        using var client = app.WalletClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Clock.Advance(TimeSpan.FromHours(3));
        using var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var check = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!["verifier-request-signing-key"]!;
        check["description"]!.GetValue<string>().Should().StartWith("The request signer's certificate is not valid now");
    }

    [Fact]
    public async Task With_the_host_stores_the_embedded_database_is_not_probed()
    {
        using var app = new VerifierApp(services: services => services.AddVerifier().UseStores<InMemoryVerifierStore>());
        using var client = app.WalletClient();

        using var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        var checks = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!.AsObject();
        // No database check; the webhook outbox (in memory with host stores) still reports its dead letters.
        checks.Select(c => c.Key).Should().BeEquivalentTo(["verifier-request-signing-key", "webhook-dead-letters"]);
    }
}
