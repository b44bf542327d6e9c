namespace Wallet.Core.Trust;

/// <summary>
/// eIDAS level of assurance (Regulation (EU) No 910/2014, Article 8). Ordered, so a relying party can
/// require "at least substantial".
/// </summary>
public enum LevelOfAssurance
{
    /// <summary>Low.</summary>
    Low = 1,

    /// <summary>Substantial.</summary>
    Substantial = 2,

    /// <summary>High: required for PID.</summary>
    High = 3,
}
