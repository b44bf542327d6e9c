namespace Wallet.Verifier.Validation;

/// <summary>The outcome of validating one authorization response.</summary>
/// <param name="Credentials">Verified credentials per DCQL Credential Query id; empty unless <see cref="IsVerified"/>.</param>
/// <param name="Errors">Every failed check.</param>
/// <param name="Steps">The validation steps run, for the event log (no personal data).</param>
public sealed record PresentationResult(IReadOnlyDictionary<string, IReadOnlyList<VerifiedCredential>> Credentials, IReadOnlyList<ResultError> Errors, IReadOnlyList<string> Steps)
{
    /// <summary>True when nothing failed.</summary>
    public bool IsVerified => Errors.Count == 0;

    /// <summary>A rejected result with the given errors.</summary>
    public static PresentationResult Rejected(IEnumerable<ResultError> errors) => new(new Dictionary<string, IReadOnlyList<VerifiedCredential>>(), errors.ToArray(), []);
}
