using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Representation;

/// <summary>
/// The answer to <c>GET /api/representation-checks/{transactionId}</c>: "A acts for B with scope S", or every failed
/// check with its code (<c>representation.*</c>, or the verification's own codes when the presentation was rejected).
/// </summary>
/// <param name="Status"><c>pending</c>, <c>expired</c> or <c>decided</c>.</param>
/// <param name="ServiceId">The relying party's service the decision was made for.</param>
/// <param name="Accepted">Once decided: true when the person acts for the represented party in this service.</param>
/// <param name="Statement">When accepted: "Kari Nordmann acts for Ola Nordmann with scope school-enrolment, health-records (parental_responsibility)".</param>
/// <param name="Representative">When accepted: the person acting, as in their PID.</param>
/// <param name="Represented">When accepted: the represented party.</param>
/// <param name="Nature">When accepted: <c>parental_responsibility</c>, <c>power_of_attorney</c> or <c>legal_person_representation</c>.</param>
/// <param name="Scope">When accepted: <c>full powers</c> or the named services.</param>
/// <param name="Errors">When not accepted: every failed check, each with its stable code.</param>
internal sealed record RepresentationCheckView(
    string Status,
    string ServiceId,
    bool? Accepted,
    string? Statement,
    string? Representative,
    string? Represented,
    string? Nature,
    string? Scope,
    IReadOnlyList<ResultError> Errors);
