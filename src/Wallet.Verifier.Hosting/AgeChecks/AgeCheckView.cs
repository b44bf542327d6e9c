using Wallet.Verifier.Validation;

namespace Wallet.Verifier.AgeChecks;

/// <summary>
/// The answer to <c>GET /api/age-checks/{transactionId}</c>: yes or no, and why not; never a claim value, name or birth date.
/// </summary>
/// <param name="Status"><c>pending</c> (no answer yet), <c>expired</c> (none came in time) or <c>decided</c>.</param>
/// <param name="AgeOver">The age asked for.</param>
/// <param name="Over">Once decided: true when the holder proved to be at least <paramref name="AgeOver"/>; otherwise null (left out of the JSON).</param>
/// <param name="Errors">When <paramref name="Over"/> is false: every reason, each with its stable code (<c>age_gate.under_age</c>, or the failed verification checks).</param>
public sealed record AgeCheckView(string Status, int AgeOver, bool? Over, IReadOnlyList<ResultError> Errors);
