namespace Wallet.Hosting.Tests.Telemetry;

/// <summary>Runs <see cref="TelemetryPersonalDataTests"/> after every parallel test, with no other host alive.</summary>
[CollectionDefinition(nameof(TelemetryPersonalDataTests), DisableParallelization = true)]
public sealed class TelemetryCollection;
