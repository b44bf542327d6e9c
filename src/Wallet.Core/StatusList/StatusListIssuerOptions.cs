namespace Wallet.Core.StatusList;

/// <summary>How a <see cref="StatusListIssuer"/> signs Status List Tokens.</summary>
public sealed record StatusListIssuerOptions
{
    /// <summary>The <c>ttl</c> put in every token: how long relying parties may cache it. Default one hour.</summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long after <c>iat</c> each token expires (<c>exp</c>). Default one day.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The optional <c>iss</c>; when set it must equal the Referenced Tokens' <c>iss</c>.</summary>
    public string? Issuer { get; init; }

    /// <summary>How often an update is retried when a concurrent writer changed the list first. Default 8.</summary>
    public int MaxUpdateAttempts { get; init; } = 8;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        if (TimeToLive < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{nameof(TimeToLive)} must be at least one second.");
        }

        if (Validity < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{nameof(Validity)} must be at least one second.");
        }

        if (MaxUpdateAttempts <= 0)
        {
            throw new ArgumentException($"{nameof(MaxUpdateAttempts)} must be positive.");
        }
    }
}
