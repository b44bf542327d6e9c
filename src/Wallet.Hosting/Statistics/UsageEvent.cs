namespace Wallet.Hosting.Statistics;

/// <summary>
/// The dimensions of one counted event: what happened, to which kind of credential, for whom (a relying party, never a
/// person), at which level of assurance, in which age band, and with which error. Every value comes from configuration
/// or code, never from the person; a dimension that does not apply is the empty string (see <c>specs/statistics.md</c>).
/// </summary>
internal sealed record UsageEvent(
    string Event,
    string CredentialType = "",
    string Format = "",
    string RelyingParty = "",
    string LevelOfAssurance = "",
    string AgeBand = "",
    string ErrorCode = "");
