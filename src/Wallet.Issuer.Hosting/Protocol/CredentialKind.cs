using Wallet.Core.AgeVerification;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Representation;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Protocol;

/// <summary>What a credential configuration issues from the register, decided by its type.</summary>
internal enum CredentialKind
{
    /// <summary>The PID (and agency types filled from PID data).</summary>
    Pid,

    /// <summary>The EU age verification attestation (<see cref="AgeVerificationAttestation"/>).</summary>
    AgeVerification,

    /// <summary>The Power of Representation attestation (<see cref="PowerOfRepresentationAttestation"/>), issued for a relation of the register.</summary>
    Representation,
}

/// <summary>Reads the <see cref="CredentialKind"/> of a configuration.</summary>
internal static class CredentialKinds
{
    public static CredentialKind Of(CredentialConfigurationOptions configuration) => configuration switch
    {
        { Format: CredentialFormats.MsoMdoc, Doctype: AgeVerificationAttestation.DocType } => CredentialKind.AgeVerification,
        { Format: CredentialFormats.MsoMdoc, Doctype: PowerOfRepresentationAttestation.DocType } or { Format: CredentialFormats.DcSdJwt, Vct: PowerOfRepresentationAttestation.Vct } => CredentialKind.Representation,
        _ => CredentialKind.Pid,
    };
}
