using System.Globalization;
using System.Text.Json.Nodes;

namespace Wallet.Hosting.Statistics;

/// <summary>
/// Age bands of the statistics: age in whole years on the UTC day of the event. Coarse on purpose: a band never narrows a
/// person down to a birth year. Partial birth dates and <c>age_over_NN</c> answers give an interval of ages, counted
/// only when it lies within one band (<c>specs/statistics.md</c>).
/// </summary>
internal static class AgeBands
{
    public const string Unknown = "unknown";
    public const string NotDisclosed = "not_disclosed";
    public const string Adult = "18+";
    public const string Minor = "0-17";

    // Lower bounds of the bands; the last is open.
    private static readonly int[] Lower = [0, 13, 18, 26, 36, 46, 56, 66, 76];

    /// <summary>Every band in order, then the bands of coarser knowledge.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Lower.Select(Name), Minor, Adult, Unknown, NotDisclosed];

    /// <summary>The band of a register birth date whose month or day may be unknown.</summary>
    public static string FromBirthDate(int year, int? month, int? day, DateOnly on)
    {
        if (year < 1 || year > 9999 || month is < 1 or > 12)
        {
            return Unknown;
        }

        var earliest = new DateOnly(year, month ?? 1, month is null ? 1 : day ?? 1);
        var latest = month is null ? new DateOnly(year, 12, 31)
            : day is null ? new DateOnly(year, month.Value, DateTime.DaysInMonth(year, month.Value))
            : earliest;
        return FromAges(AgeOn(latest, on), AgeOn(earliest, on)) ?? Unknown;
    }

    /// <summary>
    /// The band from what a wallet disclosed: a birth date (<c>birthdate</c>, <c>birth_date</c>) or age statements
    /// (<c>age_equal_or_over</c> object, <c>age_over_NN</c>); <see cref="NotDisclosed"/> when neither narrows the age to a band.
    /// </summary>
    public static string FromDisclosedClaims(JsonObject claims, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(claims);

        // SD-JWT VC claims are at the top; mdoc claims one level down, under their namespace.
        JsonObject[] scopes = [claims, .. claims.Where(p => p.Key != "age_equal_or_over").Select(p => p.Value).OfType<JsonObject>()];
        foreach (var scope in scopes)
        {
            foreach (var name in (string[])["birthdate", "birth_date"])
            {
                if (scope[name] is JsonValue value && value.TryGetValue<string>(out var text)
                    && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return FromBirthDate(date.Year, date.Month, date.Day, on);
                }
            }
        }

        int min = 0, max = int.MaxValue;
        void Apply(string threshold, JsonNode? node)
        {
            if (int.TryParse(threshold, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years is > 0 and < 150
                && node is JsonValue answer && answer.TryGetValue<bool>(out var over))
            {
                if (over)
                {
                    min = Math.Max(min, years);
                }
                else
                {
                    max = Math.Min(max, years - 1);
                }
            }
        }

        foreach (var scope in scopes)
        {
            if (scope["age_equal_or_over"] is JsonObject statements)
            {
                foreach (var (threshold, node) in statements)
                {
                    Apply(threshold, node);
                }
            }

            foreach (var (name, node) in scope)
            {
                if (name.StartsWith("age_over_", StringComparison.Ordinal))
                {
                    Apply(name["age_over_".Length..], node);
                }
            }
        }

        if (min == 0 && max == int.MaxValue || min > max)
        {
            return NotDisclosed;
        }

        return FromAges(min, max) ?? (min >= 18 ? Adult : max < 18 ? Minor : NotDisclosed);
    }

    private static string? FromAges(int youngest, int oldest)
    {
        if (youngest < 0)
        {
            return null;
        }

        var band = Index(youngest);
        return band == Index(oldest) ? Name(Lower[band]) : null;
    }

    private static int Index(int age)
    {
        var index = 0;
        while (index + 1 < Lower.Length && age >= Lower[index + 1])
        {
            index++;
        }

        return index;
    }

    private static string Name(int lower)
    {
        var index = Array.IndexOf(Lower, lower);
        return index == Lower.Length - 1 ? $"{lower}+" : $"{lower}-{Lower[index + 1] - 1}";
    }

    private static int AgeOn(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year;
        return on < birth.AddYears(age) ? age - 1 : age;
    }
}
