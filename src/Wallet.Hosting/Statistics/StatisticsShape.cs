namespace Wallet.Hosting.Statistics;

/// <summary>What one service counts and publishes: its events, which of them are failures, and its cross table.</summary>
/// <param name="Events">The counted events, in the order they are shown.</param>
/// <param name="FailureEvents">The events that carry an error code.</param>
/// <param name="HasRelyingParties">True on the Verifier: a table per relying party.</param>
/// <param name="CrossEvent">The event of the cross table.</param>
/// <param name="CrossRows">The rows of the cross table.</param>
/// <param name="CrossColumns">The columns of the cross table.</param>
internal sealed record StatisticsShape(
    IReadOnlyList<string> Events,
    IReadOnlyList<string> FailureEvents,
    bool HasRelyingParties,
    string CrossEvent,
    StatisticsDimension CrossRows,
    StatisticsDimension CrossColumns)
{
    /// <summary>The Issuer's events; cross table: credential type × age band of issued credentials.</summary>
    public static StatisticsShape Issuer { get; } = new(
        [UsageEvents.OfferCreated, UsageEvents.CredentialIssued, UsageEvents.IssuanceFailed],
        [UsageEvents.IssuanceFailed],
        HasRelyingParties: false,
        UsageEvents.CredentialIssued,
        StatisticsDimension.CredentialType,
        StatisticsDimension.AgeBand);

    /// <summary>The Verifier's events; cross table: relying party × credential type of verified presentations.</summary>
    public static StatisticsShape Verifier { get; } = new(
        [UsageEvents.PresentationRequested, UsageEvents.PresentationVerified, UsageEvents.PresentationRejected],
        [UsageEvents.PresentationRejected],
        HasRelyingParties: true,
        UsageEvents.PresentationVerified,
        StatisticsDimension.RelyingParty,
        StatisticsDimension.CredentialType);
}
