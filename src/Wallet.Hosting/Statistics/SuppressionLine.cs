namespace Wallet.Hosting.Statistics;

/// <summary>An equation the published figures satisfy: the members add up to the total.</summary>
internal sealed record SuppressionLine(IReadOnlyList<StatisticsCell> Members, StatisticsCell Total);
