namespace Wallet.Core.Dcql;

/// <summary>The held credentials that can and cannot answer one Credential Query.</summary>
public sealed class CredentialQueryMatch
{
    internal CredentialQueryMatch(CredentialQuery credentialQuery, IReadOnlyList<DcqlCandidate> candidates, IReadOnlyList<DcqlRejectedCredential> rejected)
    {
        CredentialQuery = credentialQuery;
        Candidates = candidates;
        Rejected = rejected;
    }

    /// <summary>The Credential Query.</summary>
    public CredentialQuery CredentialQuery { get; }

    /// <summary>The credentials that satisfy it, in the order given. Without <c>multiple</c> the Wallet presents one of them.</summary>
    public IReadOnlyList<DcqlCandidate> Candidates { get; }

    /// <summary>The credentials that do not, with the reasons.</summary>
    public IReadOnlyList<DcqlRejectedCredential> Rejected { get; }

    /// <summary>True when at least one held credential satisfies the query.</summary>
    public bool IsSatisfiable => Candidates.Count > 0;
}
