using Wallet.Core.Verification;
using Wallet.Verifier.Signing;

namespace Wallet.Verifier.Transactions;

/// <summary>
/// At start, after the stores are ready: loads the signing credentials and trust anchors so that a broken setup fails now,
/// not at the first request, and finishes the transactions a crash left half-processed.
/// </summary>
internal sealed class VerifierStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RequestSigningCredentials>();
        _ = services.GetRequiredService<CredentialVerifiers>();
        await services.GetRequiredService<InterruptedResponseRecovery>().RejectInterruptedAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
