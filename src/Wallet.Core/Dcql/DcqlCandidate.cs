using Wallet.Core.Claims;

namespace Wallet.Core.Dcql;

/// <summary>A held credential that can answer a Credential Query, with the claims the Wallet should disclose from it.</summary>
public sealed class DcqlCandidate
{
    internal DcqlCandidate(DcqlCredential credential, int credentialIndex, int? claimSetIndex, IReadOnlyList<ClaimsQuery> claims)
    {
        Credential = credential;
        CredentialIndex = credentialIndex;
        ClaimSetIndex = claimSetIndex;
        Claims = claims;
        PathsToDisclose = claims.Select(c => c.Path).ToArray();
    }

    /// <summary>The held credential.</summary>
    public DcqlCredential Credential { get; }

    /// <summary>Its position in the sequence given to <see cref="DcqlMatcher.Match"/>.</summary>
    public int CredentialIndex { get; }

    /// <summary>The <c>claim_sets</c> option chosen (the first one satisfiable, §6.4.1); <c>null</c> when the query has no <c>claim_sets</c>.</summary>
    public int? ClaimSetIndex { get; }

    /// <summary>The Claims Queries to answer: those of the chosen option, or all of them; empty when none were requested.</summary>
    public IReadOnlyList<ClaimsQuery> Claims { get; }

    /// <summary>
    /// The claims path pointers of <see cref="Claims"/>. The Wallet discloses what they select and nothing else that is
    /// selectively disclosable (§6.4); an empty list means only what is always presented.
    /// </summary>
    public IReadOnlyList<ClaimPath> PathsToDisclose { get; }
}
