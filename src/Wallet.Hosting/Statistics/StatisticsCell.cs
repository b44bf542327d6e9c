namespace Wallet.Hosting.Statistics;

/// <summary>
/// One published figure. A cell that is the total of a line in one table and a cell of another (a month's count is the
/// total of its days) is the same object in both, so suppressing it once suppresses it everywhere.
/// </summary>
internal sealed class StatisticsCell(long value)
{
    public long Value { get; } = value;

    public bool Suppressed { get; set; }

    /// <summary>The value as published: null when suppressed.</summary>
    public long? Published => Suppressed ? null : Value;
}
