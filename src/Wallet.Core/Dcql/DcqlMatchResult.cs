using System.Diagnostics.CodeAnalysis;

namespace Wallet.Core.Dcql;

/// <summary>The Wallet-side answer to a DCQL query: what the held credentials can satisfy (OpenID4VP 1.0 §6.4).</summary>
public sealed class DcqlMatchResult
{
    internal DcqlMatchResult(
        DcqlQuery query,
        IReadOnlyList<CredentialQueryMatch> credentialQueries,
        IReadOnlyList<CredentialSetMatch> credentialSets,
        IReadOnlyList<string> requestedCredentialQueryIds,
        IReadOnlyList<VerificationError> errors)
    {
        Query = query;
        CredentialQueries = credentialQueries;
        CredentialSets = credentialSets;
        RequestedCredentialQueryIds = requestedCredentialQueryIds;
        Errors = errors;
    }

    /// <summary>The query.</summary>
    public DcqlQuery Query { get; }

    /// <summary>One entry per Credential Query, in query order.</summary>
    public IReadOnlyList<CredentialQueryMatch> CredentialQueries { get; }

    /// <summary>One entry per Credential Set Query, in query order; empty when the query has no <c>credential_sets</c>.</summary>
    public IReadOnlyList<CredentialSetMatch> CredentialSets { get; }

    /// <summary>True when every required Credential Query (§6.4.2) can be answered.</summary>
    public bool CanBeSatisfied => Errors.Count == 0;

    /// <summary>
    /// The Credential Query ids to answer, in query order: all of them without <c>credential_sets</c>, otherwise those of
    /// the selected option of every satisfiable set. Empty when the query cannot be satisfied, because a Wallet then
    /// returns no credential at all (§6.4.2).
    /// </summary>
    public IReadOnlyList<string> RequestedCredentialQueryIds { get; }

    /// <summary>Why the query cannot be satisfied: <see cref="DcqlErrorCodes.CredentialMissing"/> or <see cref="DcqlErrorCodes.CredentialSetUnsatisfied"/>.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>The match of the Credential Query with the given id.</summary>
    public bool TryGetCredentialQueryMatch(string id, [NotNullWhen(true)] out CredentialQueryMatch? match)
    {
        ArgumentNullException.ThrowIfNull(id);
        match = CredentialQueries.FirstOrDefault(m => string.Equals(m.CredentialQuery.Id, id, StringComparison.Ordinal));
        return match is not null;
    }
}
