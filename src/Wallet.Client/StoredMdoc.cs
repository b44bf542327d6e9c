using System.Diagnostics.CodeAnalysis;
using Wallet.Core;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;

namespace Wallet.Client;

/// <summary>An mdoc (<c>mso_mdoc</c>) as issued: the IssuerSigned structure, presented as a DeviceResponse later.</summary>
public sealed class StoredMdoc : StoredCredential
{
    private StoredMdoc(string credentialIssuer, string configurationId, SigningKey holderKey, IssuerSigned issuerSigned)
        : base(credentialIssuer, configurationId, holderKey)
    {
        IssuerSigned = issuerSigned;
    }

    /// <summary>The issued IssuerSigned structure.</summary>
    public IssuerSigned IssuerSigned { get; }

    /// <inheritdoc />
    public override string Format => DcqlFormats.MsoMdoc;

    /// <inheritdoc />
    public override string Type => IssuerSigned.DocType;

    /// <summary>Parses an issued mdoc (base64url IssuerSigned, OpenID4VCI 1.0 Appendix A.2.4) and checks that its deviceKey is <paramref name="holderKey"/>.</summary>
    public static bool TryCreate(string credential, string credentialIssuer, string configurationId, SigningKey holderKey, [NotNullWhen(true)] out StoredMdoc? stored, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(holderKey);
        stored = null;
        if (!IssuerSigned.TryParseBase64Url(credential, out var issuerSigned, out error))
        {
            return false;
        }

        if (!issuerSigned.IssuerAuth.MobileSecurityObject.DeviceKey.Jwk.HasSameKey(holderKey.PublicJwk))
        {
            error = new VerificationError(WalletClientErrors.InvalidCredential, "The mdoc's deviceKey is not the key the wallet proved possession of.");
            return false;
        }

        stored = new StoredMdoc(credentialIssuer, configurationId, holderKey, issuerSigned);
        return true;
    }

    /// <inheritdoc />
    public override DcqlCredential ToDcqlCredential() => DcqlCredential.ForMdoc(IssuerSigned.DocType, IssuerSigned.ToJsonNameSpaces(), hasCryptographicHolderBinding: true);
}
