namespace Wallet.Verifier.LiveResults;

/// <summary>What a stream sends for one state: the same document the polling endpoint answers, and whether it is final.</summary>
/// <param name="Document">Serialized like the polling endpoint's body.</param>
/// <param name="Status">The document's status: <c>pending</c> keeps the stream open; anything else closes it.</param>
internal readonly record struct LiveResultSnapshot(object Document, string Status)
{
    public bool IsFinal => Status != "pending";
}
