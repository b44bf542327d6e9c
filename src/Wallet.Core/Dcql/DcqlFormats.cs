namespace Wallet.Core.Dcql;

/// <summary>Credential Format Identifiers whose DCQL <c>meta</c> this library types (OpenID4VP 1.0 Appendix B).</summary>
public static class DcqlFormats
{
    /// <summary>IETF SD-JWT VC (OpenID4VP 1.0 B.3).</summary>
    public const string SdJwtVc = "dc+sd-jwt";

    /// <summary>ISO/IEC 18013-5 mdoc (OpenID4VP 1.0 B.2).</summary>
    public const string MsoMdoc = "mso_mdoc";
}
