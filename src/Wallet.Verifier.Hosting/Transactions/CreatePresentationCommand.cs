using Wallet.Core.Dcql;

namespace Wallet.Verifier.Transactions;

/// <summary>A validated <c>POST /api/presentations</c> body.</summary>
/// <param name="Query">The DCQL query.</param>
/// <param name="ResponseMode"><c>direct_post.jwt</c> (default) or <c>direct_post</c>.</param>
/// <param name="RequestUriMethod"><c>get</c> (default) or <c>post</c>.</param>
/// <param name="RedirectUri">The same-device redirect target, if any.</param>
/// <param name="ClientIdPrefix"><c>x509_hash</c> or <c>x509_san_dns</c>; null for the deployment's <c>Verifier:ClientIdPrefix</c>.</param>
/// <param name="MinimumLevelOfAssurance">The lowest level of assurance this transaction accepts; it can raise the relying party's configured minimum, never lower it.</param>
public sealed record CreatePresentationCommand(DcqlQuery Query, string ResponseMode, string RequestUriMethod, Uri? RedirectUri, string? ClientIdPrefix = null, Wallet.Core.Trust.LevelOfAssurance? MinimumLevelOfAssurance = null)
{
    /// <summary>For a representation check: the service id and expected represented party, stored with the transaction.</summary>
    public string? RepresentationCheckJson { get; init; }

    /// <summary>The transaction data the End-User is asked to authorize (OpenID4VP 1.0 §5.1), checked against <see cref="Query"/>; empty when none.</summary>
    public IReadOnlyList<Wallet.Core.OpenId4Vp.TransactionData> TransactionData { get; init; } = [];
}
