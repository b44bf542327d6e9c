namespace Wallet.Verifier.Options;

/// <summary>
/// The relying-party page (<c>/rp</c>, section <c>Verifier:DemoPage</c>): lets a person try the Verifier from a browser
/// without an API key. Off by default. Its transactions belong to a relying party of their own,
/// <see cref="RelyingPartyId"/>, and within it to one browser session each, so neither an API relying party nor another
/// browser can read them, and the page cannot read anyone else's.
/// </summary>
public sealed class DemoPageOptions
{
    /// <summary>Serves the page and its endpoints (<c>/rp…</c>, and <c>/</c> redirecting to it).</summary>
    public bool Enabled { get; set; }

    /// <summary>The relying party the page's transactions belong to; must differ from every <see cref="VerifierOptions.RelyingParties"/> id.</summary>
    public string RelyingPartyId { get; set; } = "demo-page";

    /// <summary>How many transactions the page may create per minute, over all browsers (the page needs no credentials, so it is rate limited).</summary>
    public int MaxTransactionsPerMinute { get; set; } = 60;

    /// <summary>
    /// How long the counter ID check page (<c>/rp/counter</c>) shows a result before it clears itself, so the next
    /// person in the queue does not see it: 5 seconds to 10 minutes, default 30 seconds.
    /// </summary>
    public TimeSpan CounterResultDisplayTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The lowest level of assurance the counter ID check accepts (default <c>High</c>, the PID's level).</summary>
    public Wallet.Core.Trust.LevelOfAssurance CounterMinimumLevelOfAssurance { get; set; } = Wallet.Core.Trust.LevelOfAssurance.High;
}
