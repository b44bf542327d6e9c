namespace Wallet.Client;

/// <summary>One credential the wallet presented.</summary>
/// <param name="CredentialQueryId">The DCQL Credential Query it answers.</param>
/// <param name="Format"><c>dc+sd-jwt</c> or <c>mso_mdoc</c>.</param>
/// <param name="Type">The <c>vct</c> or <c>docType</c>.</param>
/// <param name="DisclosedClaims">The claim paths disclosed, <c>/</c>-separated (names only, never values).</param>
public sealed record PresentedCredential(string CredentialQueryId, string Format, string Type, IReadOnlyList<string> DisclosedClaims)
{
    /// <summary>The <c>type</c> of each <c>transaction_data</c> entry this presentation's KB-JWT signed (OpenID4VP 1.0 B.3.3).</summary>
    public IReadOnlyList<string> SignedTransactionData { get; init; } = [];
}
