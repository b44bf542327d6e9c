namespace Wallet.Hosting.Statistics;

/// <summary>
/// One published table: rows of a dimension by columns (events, or a second dimension in a cross table), each column with
/// its total. Suppressed cells publish as null.
/// </summary>
internal sealed record StatisticsTable(
    string Id,
    StatisticsDimension Rows,
    StatisticsDimension Columns,
    IReadOnlyList<string> RowLabels,
    IReadOnlyList<string> ColumnLabels,
    StatisticsCell[][] Cells,
    IReadOnlyList<StatisticsCell> ColumnTotals);
