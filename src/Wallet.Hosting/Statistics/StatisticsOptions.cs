namespace Wallet.Hosting.Statistics;

/// <summary>
/// The usage statistics of a service (<c>Issuer:Statistics</c>, <c>Verifier:Statistics</c>): the suppression threshold,
/// who may read the full figures, and whether a public subset is shown. See <c>specs/statistics.md</c>.
/// </summary>
public sealed class StatisticsOptions
{
    /// <summary>Cells with fewer events than this are suppressed in every output, with their complement. Default 5, at least 2.</summary>
    public int SuppressionThreshold { get; set; } = 5;

    /// <summary>Show the public subset (months, days, hour of day, credential type, age band) without a key. Default false.</summary>
    public bool Public { get; set; }

    /// <summary>Keys that read the full statistics (page, JSON, CSV); their own keys, not the agency's or a relying party's.</summary>
    public IList<StatisticsApiKeyOptions> ApiKeys { get; } = [];

    /// <summary>Days a request may span at most. Default 400.</summary>
    public int MaxDays { get; set; } = 400;

    /// <summary>The problems of these settings, each naming the setting under <paramref name="section"/>; empty when valid.</summary>
    internal IReadOnlyList<string> Validate(string section)
    {
        var problems = new List<string>();
        if (SuppressionThreshold < 2)
        {
            problems.Add($"{section}:SuppressionThreshold must be at least 2 (a threshold of 1 suppresses nothing).");
        }

        if (MaxDays is < 1 or > 3660)
        {
            problems.Add($"{section}:MaxDays must be between 1 and 3660.");
        }

        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var hash = ApiKeys[i].Sha256;
            if (hash.Length != 64 || !hash.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
            {
                problems.Add($"{section}:ApiKeys:{i}:Sha256 must be the lower-case hex SHA-256 (64 characters) of the key.");
            }
        }

        return problems;
    }
}
