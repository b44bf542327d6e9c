namespace Wallet.Cli;

/// <summary>A clock stopped at one instant, for <c>verify --at</c>.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
