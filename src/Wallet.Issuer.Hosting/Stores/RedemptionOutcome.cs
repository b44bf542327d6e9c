namespace Wallet.Issuer.Stores;

/// <summary>What happened when a pre-authorized code was presented.</summary>
public enum RedemptionOutcome
{
    /// <summary>The code was valid and is now used up.</summary>
    Redeemed,

    /// <summary>No offer has this code.</summary>
    UnknownCode,

    /// <summary>The offer expired.</summary>
    Expired,

    /// <summary>The code was already exchanged, or invalidated after too many wrong transaction codes.</summary>
    AlreadyRedeemed,

    /// <summary>The offer requires a transaction code and none was sent.</summary>
    TxCodeMissing,

    /// <summary>A transaction code was sent for an offer that has none.</summary>
    TxCodeUnexpected,

    /// <summary>The transaction code is wrong; the attempt was counted.</summary>
    TxCodeWrong,

    /// <summary>The transaction code was wrong once too often; the code is now invalidated.</summary>
    AttemptsExhausted,
}
