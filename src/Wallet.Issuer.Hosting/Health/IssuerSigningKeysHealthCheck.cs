using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wallet.Hosting.Health;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Health;

/// <summary>
/// Ready only when each of the three signers of whatever <see cref="IIssuerKeys"/> is in use (files, generated, a host's
/// HSM provider) signs a probe that its certificate verifies, and the root certificate is valid now.
/// </summary>
internal sealed class IssuerSigningKeysHealthCheck(IServiceProvider services, TimeProvider clock) : IHealthCheck
{
    public const string Name = "issuer-signing-keys";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Resolved per check, and an exception (a token removed, a provider failing) is reported by the health check
        // service as unhealthy; the endpoint writes its type only.
        var keys = services.GetRequiredService<IIssuerKeys>();
        var now = clock.GetUtcNow();
        var problems = new[]
        {
            SigningKeyProbe.Check("credential signer", keys.CredentialSigner, now),
            SigningKeyProbe.Check("document signer", keys.DocumentSigner, now),
            SigningKeyProbe.Check("status-list signer", keys.StatusListSigner, now),
            now.UtcDateTime > keys.RootCertificate.NotAfter.ToUniversalTime() ? "The root certificate has expired." : null,
        }.OfType<string>().ToArray();
        return Task.FromResult(problems.Length == 0
            ? HealthCheckResult.Healthy("The credential, document and status-list signers sign.")
            : HealthCheckResult.Unhealthy(string.Join(" ", problems)));
    }
}
