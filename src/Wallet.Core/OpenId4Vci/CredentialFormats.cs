namespace Wallet.Core.OpenId4Vci;

/// <summary>Credential Format Identifiers of OpenID4VCI 1.0 Appendix A used by this library.</summary>
public static class CredentialFormats
{
    /// <summary>IETF SD-JWT VC (Appendix A.3).</summary>
    public const string DcSdJwt = "dc+sd-jwt";

    /// <summary>ISO/IEC 18013-5 mdoc (Appendix A.2).</summary>
    public const string MsoMdoc = "mso_mdoc";
}
