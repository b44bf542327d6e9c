using Microsoft.Extensions.Options;
using Wallet.Core.AgeVerification;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Pid;
using Wallet.Core.Representation;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Issuer.Options;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Protocol;

/// <summary>Signs one credential of a configuration for one holder key: SD-JWT VC or mdoc, both from the same PID value; the age verification attestation from its birth date.</summary>
internal sealed class CredentialFactory(IOptions<IssuerOptions> options, IssuerEndpoints endpoints, IIssuerKeys keys, TimeProvider timeProvider)
{
    private readonly MdocIssuer _mdocIssuer = new(timeProvider);

    public string Issue(CredentialConfigurationOptions configuration, PersonIdentificationData pid, PublicJwk holderKey, StatusListReference status, DateTimeOffset issuedAt, PowerOfRepresentation? representation = null)
    {
        var expiresAt = ExpiresAt(issuedAt, representation);
        return configuration.Format switch
        {
            // The Power of Representation: the representative's wallet receives it; its subject data is the relation, not the PID.
            CredentialFormats.DcSdJwt when representation is not null => SdJwtVcIssuer.Issue(
                new SdJwtVcIssuanceRequest
                {
                    Vct = configuration.Vct!,
                    Issuer = endpoints.Issuer,
                    Claims = PowerOfRepresentationAttestation.ToClaims(representation),

                    // Presented whole: every attribute is part of the decision (who, for whom, what, when), and DCQL without
                    // claims asks for the always-disclosed ones only (OpenID4VP 1.0 §6.1).
                    SelectivelyDisclosable = [],
                    HolderKey = holderKey,
                    IssuedAt = issuedAt,
                    ExpiresAt = expiresAt,
                    Status = status,
                },
                keys.CredentialSigner),
            CredentialFormats.MsoMdoc when representation is not null => _mdocIssuer.Issue(
                PowerOfRepresentationAttestation.CreateIssuanceRequest(representation, CoseKey.FromJwk(holderKey), issuedAt, expiresAt) with { Status = status },
                keys.DocumentSigner).ToBase64Url(),
            CredentialFormats.DcSdJwt => SdJwtVcIssuer.Issue(
                new SdJwtVcIssuanceRequest
                {
                    Vct = configuration.Vct!,

                    // draft-ietf-oauth-sd-jwt-vc-18 §4.3, §5: binds the credential to the Type Metadata this Issuer publishes.
                    VctIntegrity = configuration.Vct == PidSdJwtVc.Vct ? PidTypeMetadata.Integrity : null,
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

    /// <summary>The credential lifetime, but a representation's attestation never outlives the relation's last effective day (UTC).</summary>
    public DateTimeOffset ExpiresAt(DateTimeOffset issuedAt, PowerOfRepresentation? representation)
    {
        var expiresAt = issuedAt + options.Value.CredentialLifetime;
        if (representation?.EffectiveUntil is { } until)
        {
            var end = new DateTimeOffset(until.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            expiresAt = end < expiresAt ? end : expiresAt;
        }

        return expiresAt;
    }
}
