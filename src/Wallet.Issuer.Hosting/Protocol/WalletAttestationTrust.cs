using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The wallet-provider trust anchors and the validators built on them: client attestations (HAIP 1.0 §4.4.1) and key
/// attestations (HAIP 1.0 §4.5.1, OpenID4VCI 1.0 Appendix D).
/// </summary>
internal sealed class WalletAttestationTrust
{
    private readonly Lazy<X509ChainValidator> _anchors;
    private readonly Lazy<ClientAttestationValidator> _validator;
    private readonly Lazy<KeyAttestationValidator?> _keyAttestations;

    public WalletAttestationTrust(IOptions<IssuerOptions> options, IssuerEndpoints endpoints, TimeProvider timeProvider, IServiceProvider services)
    {
        // Loaded on first use: start-up validation has already checked that the files load when they are needed.
        _anchors = new Lazy<X509ChainValidator>(() => new X509ChainValidator(TrustAnchorStore.FromFiles(options.Value.WalletProviderTrustAnchors, name: "wallet provider")));
        _validator = new Lazy<ClientAttestationValidator>(() => new ClientAttestationValidator(new ClientAttestationValidatorOptions
        {
            Audience = endpoints.Issuer,
            TrustValidator = _anchors.Value,
            TimeProvider = timeProvider,
        }));

        // Without wallet-provider anchors no key attestation can be trusted; then the key_attestation header is ignored
        // (start-up validation refuses a configuration that requires one).
        _keyAttestations = new Lazy<KeyAttestationValidator?>(() => options.Value.WalletProviderTrustAnchors.Count == 0 ? null : new KeyAttestationValidator(new KeyAttestationValidatorOptions
        {
            TrustValidator = _anchors.Value,
            StatusChecker = services.GetService<ITokenStatusChecker>(),
            TimeProvider = timeProvider,
        }));
    }

    public ClientAttestationValidator Validator => _validator.Value;

    /// <summary>The key attestation validator, or null when no wallet-provider trust anchor is configured.</summary>
    public KeyAttestationValidator? KeyAttestations => _keyAttestations.Value;
}
