using Wallet.Core.Jose;
using Wallet.Core.OAuth;

namespace Wallet.Client;

/// <summary>
/// A development wallet provider: signs Wallet Attestations with <paramref name="providerKey"/>, whose certificate
/// chain (in <see cref="SigningKey.CertificateChain"/>) leads to a root the issuer is configured to trust. Never for
/// production: a real wallet provider attests only instances whose integrity it has checked.
/// </summary>
/// <param name="providerKey">The wallet provider's signing key with its certificate chain, leaf first.</param>
public sealed class DevelopmentWalletProvider(SigningKey providerKey)
{
    /// <summary>Attests a fresh instance key for <paramref name="clientId"/>, valid for <paramref name="lifetime"/> (default one hour).</summary>
    public WalletInstance CreateInstance(string clientId, DateTimeOffset now, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        var instanceKey = SigningKey.Generate();
        var attestation = ClientAttestation.Create(providerKey, clientId, instanceKey.PublicJwk, now, now + (lifetime ?? TimeSpan.FromHours(1)));
        return new WalletInstance(clientId, attestation, instanceKey);
    }
}
