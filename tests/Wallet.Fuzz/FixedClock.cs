namespace Wallet.Fuzz;

/// <summary>A clock stopped at one instant, so the same input always takes the same path.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
