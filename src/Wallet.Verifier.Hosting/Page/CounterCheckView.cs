namespace Wallet.Verifier.Page;

/// <summary>
/// The counter page's view of one check: only what the clerk sees, and only while the transaction's result exists.
/// </summary>
/// <param name="State"><c>pending</c>, <c>accepted</c> (green), <c>refused</c> (red) or <c>expired</c>.</param>
/// <param name="ClearAfterSeconds">How long the page shows a result before it clears itself (<c>Verifier:DemoPage:CounterResultDisplayTime</c>).</param>
internal sealed record CounterCheckView(string State, int ClearAfterSeconds)
{
    /// <summary>Where the page loads the portrait from; null when the PID has none.</summary>
    public string? Portrait { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    /// <summary>As the PID states it (<c>YYYY-MM-DD</c>; a partly known date is completed by the issuer, PID Rule Book §3.1.4).</summary>
    public string? BirthDate { get; init; }

    public int? Age { get; init; }

    public string? LevelOfAssurance { get; init; }

    /// <summary><c>valid</c> or <c>unchecked</c>; a revoked or suspended PID is refused instead.</summary>
    public string? CredentialStatus { get; init; }

    public string? Issuer { get; init; }

    public string? TrustAnchor { get; init; }

    public IReadOnlyList<CounterReason> Reasons { get; init; } = [];
}

/// <summary>Why a check was refused: <paramref name="Kind"/> picks the plain-language sentence (<c>level</c>, <c>revoked</c>, <c>other</c>), <paramref name="Code"/> is the exact failed check.</summary>
internal sealed record CounterReason(string Kind, string Code, string Message);
