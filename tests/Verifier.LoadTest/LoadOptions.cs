using System.Globalization;

namespace Wallet.Verifier.LoadTest;

/// <summary>
/// How much load to apply. Every run is bounded in cycles and in time, and stops by itself. <c>--database postgresql</c>
/// (a throw-away cluster, or <c>--connection-string</c>), <c>--instances 2</c> (two Verifiers on that database, requests
/// in turn), <c>--replay-every N</c> (every N-th response posted again: an accepted replay is a double consumption).
/// </summary>
internal sealed record LoadOptions(int Cycles, int Concurrency, TimeSpan MaxDuration, int Warmup, string Database = "sqlite", string? ConnectionString = null, int Instances = 1, int ReplayEvery = 10)
{
    public const int MaxCycles = 100_000;
    public const int MaxConcurrency = 64;
    public static readonly TimeSpan MaxAllowedDuration = TimeSpan.FromMinutes(10);

    public static LoadOptions Parse(string[] args)
    {
        int cycles = 2000, concurrency = 8, seconds = 120, warmup = 50, instances = 1, replayEvery = 10;
        string database = "sqlite";
        string? connectionString = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--cycles": cycles = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--max-seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--database": database = value; break;
                case "--connection-string": connectionString = value; break;
                case "--instances": instances = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--replay-every": replayEvery = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; use --cycles, --concurrency, --max-seconds, --warmup, --database, --connection-string, --instances, --replay-every.");
            }

            i++;
        }

        if (cycles is < 1 or > MaxCycles || concurrency is < 1 or > MaxConcurrency || seconds < 1 || TimeSpan.FromSeconds(seconds) > MaxAllowedDuration || warmup is < 0 or > 1000)
        {
            throw new ArgumentException($"Bounds: 1 ≤ cycles ≤ {MaxCycles}, 1 ≤ concurrency ≤ {MaxConcurrency}, 1 ≤ max-seconds ≤ {MaxAllowedDuration.TotalSeconds}, 0 ≤ warmup ≤ 1000.");
        }

        if (database is not ("sqlite" or "postgresql") || instances is < 1 or > 2 || (instances > 1 && database != "postgresql") || replayEvery < 0)
        {
            throw new ArgumentException("--database sqlite|postgresql; --instances 1|2 (2 needs postgresql); --replay-every ≥ 0 (0: none).");
        }

        return new LoadOptions(cycles, concurrency, TimeSpan.FromSeconds(seconds), warmup, database, connectionString, instances, replayEvery);
    }
}
