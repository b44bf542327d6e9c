using System.Globalization;

namespace Wallet.Verifier.LoadTest;

/// <summary>How much load to apply. Every run is bounded in cycles and in time, and stops by itself.</summary>
internal sealed record LoadOptions(int Cycles, int Concurrency, TimeSpan MaxDuration, int Warmup)
{
    public const int MaxCycles = 100_000;
    public const int MaxConcurrency = 64;
    public static readonly TimeSpan MaxAllowedDuration = TimeSpan.FromMinutes(10);

    public static LoadOptions Parse(string[] args)
    {
        int cycles = 2000, concurrency = 8, seconds = 120, warmup = 50;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--cycles": cycles = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--max-seconds": seconds = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}; use --cycles, --concurrency, --max-seconds, --warmup.");
            }

            i++;
        }

        if (cycles is < 1 or > MaxCycles || concurrency is < 1 or > MaxConcurrency || seconds < 1 || TimeSpan.FromSeconds(seconds) > MaxAllowedDuration || warmup is < 0 or > 1000)
        {
            throw new ArgumentException($"Bounds: 1 ≤ cycles ≤ {MaxCycles}, 1 ≤ concurrency ≤ {MaxConcurrency}, 1 ≤ max-seconds ≤ {MaxAllowedDuration.TotalSeconds}, 0 ≤ warmup ≤ 1000.");
        }

        return new LoadOptions(cycles, concurrency, TimeSpan.FromSeconds(seconds), warmup);
    }
}
