namespace Wallet.Hosting.Statistics;

/// <summary>What the rows (or the columns of a cross table) of a statistics table are.</summary>
internal enum StatisticsDimension
{
    Event,
    Month,
    Day,
    HourOfDay,
    CredentialType,
    RelyingParty,
    LevelOfAssurance,
    AgeBand,
    ErrorCode,
}
