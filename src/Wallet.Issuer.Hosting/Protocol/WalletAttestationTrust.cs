using Microsoft.Extensions.Options;
using Wallet.Core.OAuth;
using Wallet.Core.Trust;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Protocol;

/// <summary>The wallet-provider trust anchors and the client attestation validator built on them (HAIP 1.0 §4.4.1).</summary>
internal sealed class WalletAttestationTrust
{
    private readonly Lazy<ClientAttestationValidator> _validator;

    public WalletAttestationTrust(IOptions<IssuerOptions> options, IssuerEndpoints endpoints, TimeProvider timeProvider)
    {
        // Loaded on first use: start-up validation has already checked that the files load when attestation is required.
        _validator = new Lazy<ClientAttestationValidator>(() => new ClientAttestationValidator(new ClientAttestationValidatorOptions
        {
            Audience = endpoints.Issuer,
            TrustValidator = new X509ChainValidator(TrustAnchorStore.FromFiles(options.Value.WalletProviderTrustAnchors, name: "wallet provider")),
            TimeProvider = timeProvider,
        }));
    }

    public ClientAttestationValidator Validator => _validator.Value;
}
