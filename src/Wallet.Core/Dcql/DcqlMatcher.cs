namespace Wallet.Core.Dcql;

/// <summary>
/// Wallet side of DCQL (OpenID4VP 1.0 §6.4): finds which held credentials answer each Credential Query, which claims
/// to disclose from each, and whether the query as a whole can be satisfied.
/// </summary>
public static class DcqlMatcher
{
    /// <summary>Matches <paramref name="query"/> against the held <paramref name="credentials"/>.</summary>
    public static DcqlMatchResult Match(DcqlQuery query, IEnumerable<DcqlCredential> credentials)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(credentials);
        var held = credentials.ToArray();
        if (held.Any(c => c is null))
        {
            throw new ArgumentException("The credentials must not contain null.", nameof(credentials));
        }

        var matches = new List<CredentialQueryMatch>(query.Credentials.Count);
        for (var q = 0; q < query.Credentials.Count; q++)
        {
            var credentialQuery = query.Credentials[q];
            var candidates = new List<DcqlCandidate>();
            var rejected = new List<DcqlRejectedCredential>();
            for (var c = 0; c < held.Length; c++)
            {
                var check = CredentialQueryCheck.Check(credentialQuery, $"credentials[{q}]", held[c], $"held credential [{c}] for Credential Query '{credentialQuery.Id}'");
                if (check.Passed)
                {
                    candidates.Add(new DcqlCandidate(held[c], c, check.ClaimSetIndex, check.SelectedClaims));
                }
                else
                {
                    rejected.Add(new DcqlRejectedCredential(held[c], c, check.Errors));
                }
            }

            matches.Add(new CredentialQueryMatch(credentialQuery, candidates, rejected));
        }

        var satisfiable = matches.Where(m => m.IsSatisfiable).Select(m => m.CredentialQuery.Id).ToHashSet(StringComparer.Ordinal);
        var errors = new List<VerificationError>();
        var sets = new List<CredentialSetMatch>(query.CredentialSets.Count);
        var requested = new HashSet<string>(StringComparer.Ordinal);
        if (query.CredentialSets.Count == 0)
        {
            for (var q = 0; q < matches.Count; q++)
            {
                if (!matches[q].IsSatisfiable)
                {
                    errors.Add(new(DcqlErrorCodes.CredentialMissing, $"no held credential satisfies Credential Query '{matches[q].CredentialQuery.Id}' (credentials[{q}]), and every Credential Query is required when credential_sets is absent (OpenID4VP 1.0 §6.4.2)"));
                }

                requested.Add(matches[q].CredentialQuery.Id);
            }
        }
        else
        {
            for (var s = 0; s < query.CredentialSets.Count; s++)
            {
                var set = query.CredentialSets[s];
                var options = Enumerable.Range(0, set.Options.Count).Where(o => set.Options[o].All(satisfiable.Contains)).ToArray();
                var match = new CredentialSetMatch(set, s, options);
                sets.Add(match);
                if (match.SelectedOption is { } selected)
                {
                    requested.UnionWith(set.Options[selected]);
                }
                else if (set.Required)
                {
                    errors.Add(new(DcqlErrorCodes.CredentialSetUnsatisfied, $"no option of required credential_sets[{s}] can be satisfied: {DescribeLacks(set, satisfiable)} (OpenID4VP 1.0 §6.4.2)"));
                }
            }
        }

        var requestedIds = errors.Count > 0
            ? []
            : query.Credentials.Select(c => c.Id).Where(requested.Contains).ToArray();
        return new DcqlMatchResult(query, matches, sets, requestedIds, errors);
    }

    internal static string DescribeLacks(CredentialSetQuery set, HashSet<string> satisfied)
        => string.Join("; ", set.Options.Select((option, i) =>
            $"option {i} lacks {string.Join(", ", option.Where(id => !satisfied.Contains(id)).Select(id => $"'{id}'"))}"));
}
