namespace Wallet.Core.Tests.StatusList;

/// <summary>A clock the test moves by hand. Timers still run on real time.</summary>
internal sealed class FakeTimeProvider(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset now = now;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
