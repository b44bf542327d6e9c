namespace Wallet.Core.Dcql;

/// <summary>The outcome of checking one credential against one Credential Query.</summary>
internal sealed class CredentialCheck
{
    internal CredentialCheck(IReadOnlyList<VerificationError> errors, int? claimSetIndex, IReadOnlyList<ClaimsQuery> selectedClaims)
    {
        Errors = errors;
        ClaimSetIndex = claimSetIndex;
        SelectedClaims = selectedClaims;
    }

    internal IReadOnlyList<VerificationError> Errors { get; }

    internal int? ClaimSetIndex { get; }

    internal IReadOnlyList<ClaimsQuery> SelectedClaims { get; }

    internal bool Passed => Errors.Count == 0;
}
