namespace Wallet.Hosting.Statistics;

/// <summary>What a service gives the shared statistics endpoints: its name, its shape, its settings and its counters.</summary>
/// <param name="ServiceName">Shown on the page.</param>
/// <param name="Shape">The events and tables of the service.</param>
/// <param name="CrossTitleKey">The text key of the cross table's title.</param>
/// <param name="Options">The service's statistics settings.</param>
/// <param name="Read">Reads the counters of a period (UTC days, both included).</param>
internal sealed record StatisticsSource(
    string ServiceName,
    StatisticsShape Shape,
    string CrossTitleKey,
    Func<IServiceProvider, StatisticsOptions> Options,
    Func<IServiceProvider, DateOnly, DateOnly, CancellationToken, ValueTask<IReadOnlyList<UsageCount>>> Read);
