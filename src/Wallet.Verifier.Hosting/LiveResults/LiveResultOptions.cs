namespace Wallet.Verifier.LiveResults;

/// <summary>Live results (<c>Verifier:LiveResults</c>): server-sent event streams of a transaction's state.</summary>
public sealed class LiveResultOptions
{
    /// <summary>Most event streams open at once per relying party (the page's relying party counts all its browsers together); 1 to 10000, default 100.</summary>
    public int MaxStreamsPerRelyingParty { get; set; } = 100;

    /// <summary>
    /// How often a stream re-reads the transaction from the store even without a change notice, so a result written by
    /// another instance still arrives: 00:00:00.2 to 00:01:00, default 2 seconds.
    /// </summary>
    public TimeSpan StorePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a stream may stay silent before it sends a heartbeat event (keeps proxies from closing it): 1 second to 5 minutes, default 15 seconds.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
