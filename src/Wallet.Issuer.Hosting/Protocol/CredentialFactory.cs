using Microsoft.Extensions.Options;
using Wallet.Core.AgeVerification;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Pid;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Issuer.Options;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Protocol;

/// <summary>Signs one credential of a configuration for one holder key: SD-JWT VC or mdoc, both from the same PID value; the age verification attestation from its birth date.</summary>
internal sealed class CredentialFactory(IOptions<IssuerOptions> options, IssuerEndpoints endpoints, IIssuerKeys keys, TimeProvider timeProvider)
{
    private readonly MdocIssuer _mdocIssuer = new(timeProvider);

    public string Issue(CredentialConfigurationOptions configuration, PersonIdentificationData pid, PublicJwk holderKey, StatusListReference status, DateTimeOffset issuedAt)
    {
        var expiresAt = issuedAt + options.Value.CredentialLifetime;
        return configuration.Format switch
        {
            CredentialFormats.DcSdJwt => SdJwtVcIssuer.Issue(
                new SdJwtVcIssuanceRequest
                {
                    Vct = configuration.Vct!,
                    Issuer = endpoints.Issuer,
                    Claims = PidSdJwtVc.ToClaims(pid),
                    HolderKey = holderKey,
                    IssuedAt = issuedAt,
                    ExpiresAt = expiresAt,
                    Status = status,
                },
                keys.CredentialSigner),
            CredentialFormats.MsoMdoc when CredentialKinds.Of(configuration) == CredentialKind.AgeVerification => _mdocIssuer.Issue(
                AgeVerificationAttestation.CreateIssuanceRequest(pid.BirthDate, CoseKey.FromJwk(holderKey), issuedAt, expiresAt) with { Status = status },
                keys.DocumentSigner).ToBase64Url(),
            CredentialFormats.MsoMdoc => _mdocIssuer.Issue(
                PidMdoc.CreateIssuanceRequest(pid, CoseKey.FromJwk(holderKey), issuedAt, expiresAt) with { Status = status },
                keys.DocumentSigner).ToBase64Url(),
            _ => throw new InvalidOperationException($"Format '{configuration.Format}' passed start-up validation but cannot be issued."),
        };
    }
}
