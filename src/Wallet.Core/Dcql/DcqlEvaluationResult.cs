namespace Wallet.Core.Dcql;

/// <summary>The Verifier-side verdict on whether verified presentations satisfy a DCQL query (OpenID4VP 1.0 §8.6).</summary>
public sealed class DcqlEvaluationResult
{
    internal DcqlEvaluationResult(IReadOnlyList<VerificationError> errors, IReadOnlyList<string> satisfiedCredentialQueryIds)
    {
        Errors = errors;
        SatisfiedCredentialQueryIds = satisfiedCredentialQueryIds;
    }

    /// <summary>True when nothing is missing, mismatched or unexpected.</summary>
    public bool IsSatisfied => Errors.Count == 0;

    /// <summary>Every failed check, with <see cref="DcqlErrorCodes"/> codes and the query member and presentation concerned.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>The Credential Query ids answered by at least one presentation, all of which satisfy the query, in query order.</summary>
    public IReadOnlyList<string> SatisfiedCredentialQueryIds { get; }
}
