using Wallet.Verifier.Stores;

namespace Wallet.Verifier.LiveResults;

/// <summary>
/// The event names of a live-result stream: the stage the transaction reached. They name a stage, never a person; the
/// event ids are a per-stream sequence number.
/// </summary>
internal static class LiveResultEvents
{
    public const string Created = "created";
    public const string RequestFetched = "request_fetched";
    public const string ResponseReceived = "response_received";
    public const string Verified = "verified";
    public const string Rejected = "rejected";
    public const string Expired = "expired";

    /// <summary>Sent when nothing else was for <see cref="LiveResultOptions.HeartbeatInterval"/>; its data is empty, so an EventSource dispatches nothing.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>The stage of a transaction whose result document is not final yet.</summary>
    public static string StageOf(TransactionStatus status) => status switch
    {
        TransactionStatus.Pending => Created,
        TransactionStatus.RequestFetched => RequestFetched,

        // Verified or Rejected but withheld until the response_code is presented (OpenID4VP 1.0 §14.2): the outcome is not told.
        _ => ResponseReceived,
    };

    /// <summary>The closing event for a final document: its status (<c>expired</c>) or, when decided, the transaction's outcome.</summary>
    public static string FinalOf(string documentStatus, TransactionStatus status) =>
        documentStatus == Expired ? Expired : status == TransactionStatus.Verified ? Verified : Rejected;
}
