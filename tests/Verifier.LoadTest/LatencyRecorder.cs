using System.Collections.Concurrent;

namespace Wallet.Verifier.LoadTest;

/// <summary>Latencies per step, in milliseconds, collected from every simulated wallet.</summary>
internal sealed class LatencyRecorder
{
    public static readonly string[] Steps = ["create (RP API)", "fetch request object", "wallet: validate + present + encrypt", "post response", "fetch result (RP API)", "full cycle"];

    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new(StringComparer.Ordinal);

    public void Add(string step, TimeSpan elapsed) => _samples.GetOrAdd(step, _ => []).Add(elapsed.TotalMilliseconds);

    public (int Count, double P50, double P95, double P99, double Max) Summary(string step)
    {
        var sorted = _samples.TryGetValue(step, out var bag) ? bag.Order().ToArray() : [];
        return sorted.Length == 0
            ? (0, double.NaN, double.NaN, double.NaN, double.NaN)
            : (sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99), sorted[^1]);
    }

    // Nearest-rank percentile.
    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
