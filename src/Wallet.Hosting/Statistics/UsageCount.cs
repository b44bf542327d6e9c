namespace Wallet.Hosting.Statistics;

/// <summary>One counter as stored: its bucket (the UTC hour and the dimensions) and how many events fell into it.</summary>
internal sealed record UsageCount(DateTimeOffset Hour, UsageEvent Event, long Count);
