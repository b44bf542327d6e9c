namespace Wallet.Issuer.Pid;

/// <summary>
/// A date of birth as a register holds it, possibly with an unknown month or day (refugees, people born where births
/// were not registered).
/// </summary>
/// <remarks>
/// The PID Rule Book (v1.6 §3.1.2, §4.1.1) requires a full date (<c>full-date</c> / <c>YYYY-MM-DD</c>), so a partial date
/// is completed to the first day of the unknown period — unknown day → day 1, unknown month → January — the convention
/// many population registers and travel documents use. The completed date is what both credential formats carry; the
/// register keeps the precision. See <c>specs/issuer.md</c>.
/// </remarks>
/// <param name="Year">The year, always known.</param>
/// <param name="Month">The month 1–12, or null when unknown.</param>
/// <param name="Day">The day of the month, or null when unknown (then also when the month is unknown).</param>
public sealed record RegisterBirthDate(int Year, int? Month = null, int? Day = null)
{
    /// <summary>True when month or day is unknown.</summary>
    public bool IsPartial => Month is null || Day is null;

    /// <summary>The full date written into the PID.</summary>
    public DateOnly ToPidDate() => new(Year, Month ?? 1, Month is null ? 1 : Day ?? 1);
}
