namespace Wallet.Core.Dcql;

/// <summary>The <c>meta</c> of an <c>mso_mdoc</c> Credential Query (OpenID4VP 1.0 B.2.3).</summary>
public sealed class MdocCredentialQueryMeta : CredentialQueryMeta
{
    internal MdocCredentialQueryMeta(string doctypeValue) => DoctypeValue = doctypeValue;

    /// <summary>The requested mdoc document type (<c>doctype_value</c>).</summary>
    public string DoctypeValue { get; }
}
