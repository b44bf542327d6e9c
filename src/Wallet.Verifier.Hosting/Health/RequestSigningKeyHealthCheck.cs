using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wallet.Hosting.Health;
using Wallet.Verifier.Signing;

namespace Wallet.Verifier.Health;

/// <summary>Ready only when the request-signing key signs a probe that its certificate verifies.</summary>
internal sealed class RequestSigningKeyHealthCheck(RequestSigningCredentials credentials, TimeProvider clock) : IHealthCheck
{
    public const string Name = "verifier-request-signing-key";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = SigningKeyProbe.Check("request signer", credentials.SigningKey, clock.GetUtcNow());
        return Task.FromResult(problem is null ? HealthCheckResult.Healthy("The request signer signs.") : HealthCheckResult.Unhealthy(problem));
    }
}
