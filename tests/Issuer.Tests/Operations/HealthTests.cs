using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Jose;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Tests.Operations;

/// <summary>Issue 12 "Observe and limit": liveness and readiness probes of the issuer (database reachable, signing keys usable).</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Ready_when_the_database_answers_and_every_signer_signs()
    {
        using var factory = new IssuerFactory();
        using var client = factory.CreateClient();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        live.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        ready.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().Should().Be("Healthy");
        body["checks"]!["issuer-database"]!["status"]!.GetValue<string>().Should().Be("Healthy");
        body["checks"]!["issuer-signing-keys"]!["status"]!.GetValue<string>().Should().Be("Healthy");
    }

    [Fact]
    public async Task Not_ready_once_the_signer_certificates_have_expired_but_still_live()
    {
        using var factory = new IssuerFactory();
        using var client = factory.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromDays(365 * 40));
        using var ready = await client.GetAsync("/health/ready");
        using var live = await client.GetAsync("/health/live");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var check = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!["issuer-signing-keys"]!;
        check["status"]!.GetValue<string>().Should().Be("Unhealthy");
        check["description"]!.GetValue<string>().Should().Contain("credential signer's certificate is not valid now");
        live.StatusCode.Should().Be(HttpStatusCode.OK, "liveness runs no check: a restart does not cure an expired certificate");
    }

    [Fact]
    public async Task Not_ready_when_a_host_supplied_key_cannot_sign_as_when_an_hsm_token_is_gone()
    {
        using var healthy = new IssuerFactory();
        _ = healthy.CreateClient();
        var keys = healthy.Services.GetRequiredService<IIssuerKeys>();
        using var unplugged = new UnpluggedKey(keys.CredentialSigner.Key);
        var broken = new HostKeys(new SigningKey(unplugged, keys.CredentialSigner.KeyId, keys.CredentialSigner.CertificateChain), keys);
        using var factory = new IssuerFactory(settings: new Dictionary<string, string?> { ["Issuer:GenerateDevelopmentKeys"] = null }, services: services => services.AddPidIssuer().UseSigningKeys(broken));
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["checks"]!["issuer-signing-keys"]!["description"]!.GetValue<string>()
            .Should().Be("The credential signer cannot sign.");
    }

    private sealed class HostKeys(SigningKey credentialSigner, IIssuerKeys others) : IIssuerKeys
    {
        public SigningKey CredentialSigner => credentialSigner;

        public SigningKey DocumentSigner => others.DocumentSigner;

        public SigningKey StatusListSigner => others.StatusListSigner;

        public System.Security.Cryptography.X509Certificates.X509Certificate2 RootCertificate => others.RootCertificate;
    }

    /// <summary>A key whose public half is known but which no longer signs, as an HSM key whose token was removed.</summary>
    private sealed class UnpluggedKey(ECDsa publicHalf) : ECDsa
    {
        public override ECParameters ExportParameters(bool includePrivateParameters) => publicHalf.ExportParameters(false);

        public override void ImportParameters(ECParameters parameters) => throw new NotSupportedException();

        public override byte[] SignHash(byte[] hash) => throw new CryptographicException("The token is not present.");

        public override bool VerifyHash(byte[] hash, byte[] signature) => publicHalf.VerifyHash(hash, signature);

        public override void GenerateKey(ECCurve curve) => throw new NotSupportedException();

        protected override byte[] HashData(byte[] data, int offset, int count, HashAlgorithmName hashAlgorithm) => CryptographicOperations.HashData(hashAlgorithm, data.AsSpan(offset, count));
    }
}
