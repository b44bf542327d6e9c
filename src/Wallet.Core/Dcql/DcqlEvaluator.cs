namespace Wallet.Core.Dcql;

/// <summary>
/// Verifier side of DCQL: checks that the credentials of verified presentations, keyed by Credential Query id as in
/// the <c>vp_token</c> (OpenID4VP 1.0 §8.1), satisfy the query. The Verifier must not rely on the Wallet having
/// enforced the query (§14.9), so every rule is checked again here.
/// </summary>
public static class DcqlEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="presented"/> against <paramref name="query"/>. Each value lists the credentials of the
    /// presentations answering that Credential Query, after their signatures, holder binding and status were verified.
    /// </summary>
    public static DcqlEvaluationResult Evaluate(DcqlQuery query, IReadOnlyDictionary<string, IReadOnlyList<DcqlCredential>> presented)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(presented);
        var errors = new List<VerificationError>();

        foreach (var id in presented.Keys.Order(StringComparer.Ordinal))
        {
            if (!query.TryGetCredentialQuery(id, out _))
            {
                // The key comes from the Wallet: echo it only when it has the shape of an id, never arbitrary text.
                var name = id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? $"'{id}'" : "a key that is not a valid id";
                errors.Add(new(DcqlErrorCodes.UnexpectedCredential, $"presentations were returned for {name}, which is no Credential Query of the request (OpenID4VP 1.0 §8.1)"));
            }
        }

        var satisfied = new HashSet<string>(StringComparer.Ordinal);
        for (var q = 0; q < query.Credentials.Count; q++)
        {
            var credentialQuery = query.Credentials[q];
            if (!presented.TryGetValue(credentialQuery.Id, out var credentials) || credentials is null || credentials.Count == 0)
            {
                continue;
            }

            var passed = true;
            if (credentials.Count > 1 && !credentialQuery.Multiple)
            {
                errors.Add(new(DcqlErrorCodes.MultipleNotAllowed, $"{credentials.Count} presentations answer Credential Query '{credentialQuery.Id}', but credentials[{q}].multiple is not true (OpenID4VP 1.0 §6.1, §8.1)"));
                passed = false;
            }

            for (var p = 0; p < credentials.Count; p++)
            {
                var credential = credentials[p] ?? throw new ArgumentException($"The presentations for '{credentialQuery.Id}' must not contain null.", nameof(presented));
                var check = CredentialQueryCheck.Check(credentialQuery, $"credentials[{q}]", credential, $"presentation [{p}] for Credential Query '{credentialQuery.Id}'");
                errors.AddRange(check.Errors);
                passed &= check.Passed;
            }

            if (passed)
            {
                satisfied.Add(credentialQuery.Id);
            }
        }

        if (query.CredentialSets.Count == 0)
        {
            for (var q = 0; q < query.Credentials.Count; q++)
            {
                var id = query.Credentials[q].Id;
                if (!presented.TryGetValue(id, out var credentials) || credentials is null || credentials.Count == 0)
                {
                    errors.Add(new(DcqlErrorCodes.CredentialMissing, $"Credential Query '{id}' (credentials[{q}]) has no presentation, and every Credential Query is required when credential_sets is absent (OpenID4VP 1.0 §6.4.2)"));
                }
            }
        }
        else
        {
            for (var s = 0; s < query.CredentialSets.Count; s++)
            {
                var set = query.CredentialSets[s];
                if (set.Required && !set.Options.Any(option => option.All(satisfied.Contains)))
                {
                    errors.Add(new(DcqlErrorCodes.CredentialSetUnsatisfied, $"no option of required credential_sets[{s}] is satisfied: {DcqlMatcher.DescribeLacks(set, satisfied)} (OpenID4VP 1.0 §6.4.2)"));
                }
            }
        }

        var satisfiedIds = query.Credentials.Select(c => c.Id).Where(satisfied.Contains).ToArray();
        return new DcqlEvaluationResult(errors, satisfiedIds);
    }
}
