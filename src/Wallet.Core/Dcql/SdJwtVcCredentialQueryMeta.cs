namespace Wallet.Core.Dcql;

/// <summary>The <c>meta</c> of a <c>dc+sd-jwt</c> Credential Query (OpenID4VP 1.0 B.3.5).</summary>
public sealed class SdJwtVcCredentialQueryMeta : CredentialQueryMeta
{
    internal SdJwtVcCredentialQueryMeta(IReadOnlyList<string> vctValues) => VctValues = vctValues;

    /// <summary>The accepted SD-JWT VC types (<c>vct_values</c>), never empty.</summary>
    public IReadOnlyList<string> VctValues { get; }
}
