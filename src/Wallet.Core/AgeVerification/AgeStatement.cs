namespace Wallet.Core.AgeVerification;

/// <summary>Whether a person born on a date has reached an age on a given day.</summary>
public static class AgeStatement
{
    /// <summary>
    /// The first day on which a person born on <paramref name="birthDate"/> is <paramref name="years"/> old. A person
    /// born on 29 February reaches the age on 1 March in common years: the later of the two conventions, so an age gate
    /// never says "yes" a day early.
    /// </summary>
    public static DateOnly DayReached(DateOnly birthDate, int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        var year = birthDate.Year + years;
        return birthDate.Month == 2 && birthDate.Day == 29 && !DateTime.IsLeapYear(year)
            ? new DateOnly(year, 3, 1)
            : new DateOnly(year, birthDate.Month, birthDate.Day);
    }

    /// <summary>True when a person born on <paramref name="birthDate"/> is at least <paramref name="years"/> old on <paramref name="today"/>.</summary>
    public static bool IsAtLeast(DateOnly birthDate, int years, DateOnly today) => DayReached(birthDate, years) <= today;
}
