namespace Wallet.Hosting.Statistics;

/// <summary>The suppressed statistics of a period (UTC days, both included) as every output publishes them.</summary>
/// <param name="From">The first day.</param>
/// <param name="To">The last day.</param>
/// <param name="Threshold">The suppression threshold applied.</param>
/// <param name="IsPublicSubset">True when only the public tables are included.</param>
/// <param name="Events">The service's events.</param>
/// <param name="EventTotals">The total of each event in the period (suppressed when small).</param>
/// <param name="Tables">The tables, in the order they are shown.</param>
internal sealed record StatisticsReport(
    DateOnly From,
    DateOnly To,
    int Threshold,
    bool IsPublicSubset,
    IReadOnlyList<string> Events,
    IReadOnlyList<StatisticsCell> EventTotals,
    IReadOnlyList<StatisticsTable> Tables)
{
    /// <summary>The tables of the public subset: no relying parties, no error codes, no cross table.</summary>
    public static readonly IReadOnlySet<string> PublicTables = new HashSet<string>(StringComparer.Ordinal) { "by_month", "by_day", "by_hour_of_day", "by_credential_type", "by_age_band" };

    /// <summary>The table with <paramref name="id"/>, or null.</summary>
    public StatisticsTable? Table(string id) => Tables.FirstOrDefault(t => t.Id == id);
}
