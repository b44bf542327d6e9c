using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;

namespace Wallet.Client;

/// <summary>
/// A development wallet provider: signs Wallet Attestations and key attestations with <paramref name="providerKey"/>,
/// whose certificate chain (in <see cref="SigningKey.CertificateChain"/>) leads to a root the issuer is configured to
/// trust. Never for production: a real wallet provider attests only instances whose integrity it has checked, and only
/// keys whose storage the platform's own key attestation has shown to be what it states.
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

    /// <summary>
    /// Attests <paramref name="keys"/> (OpenID4VCI 1.0 Appendix D.1) with <c>key_storage</c> and
    /// <c>user_authentication</c> <c>iso_18045_high</c>, what PID issuers require (HAIP 1.0 §4.5.1), valid for one
    /// hour. These keys are software keys: the levels are stated for development only. Fits
    /// <see cref="WalletClientOptions.KeyAttester"/>.
    /// </summary>
    /// <param name="keys">The keys to attest.</param>
    /// <param name="nonce">The issuer's <c>c_nonce</c>.</param>
    /// <param name="now">The <c>iat</c>.</param>
    public string AttestKeys(IReadOnlyList<PublicJwk> keys, string? nonce, DateTimeOffset now) =>
        KeyAttestation.Create(providerKey, keys, now, now + TimeSpan.FromHours(1), nonce, [AttackPotentialResistance.Iso18045High], [AttackPotentialResistance.Iso18045High]);
}
