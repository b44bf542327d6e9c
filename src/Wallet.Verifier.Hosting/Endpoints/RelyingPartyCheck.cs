namespace Wallet.Verifier.Endpoints;

/// <summary>
/// What sets one fixed-query check of the relying-party API apart from another: its path, its endpoint names and
/// summaries, the noun its problems use, and the body members it takes besides <c>redirect_uri</c> and <c>client_id_prefix</c>.
/// </summary>
/// <param name="Path">The group path, such as <c>/api/age-checks</c>; created checks are located under it.</param>
/// <param name="Noun">The check's name in problem titles and details, such as <c>age check</c>.</param>
/// <param name="Article">The indefinite article before <paramref name="Noun"/> (<c>a</c> or <c>an</c>).</param>
/// <param name="Members">The check's own body members.</param>
/// <param name="UnknownMemberReason">Why other members are refused, appended to the problem detail.</param>
/// <param name="CreateName">The create endpoint's name.</param>
/// <param name="CreateSummary">The create endpoint's OpenAPI summary.</param>
/// <param name="GetName">The read endpoint's name.</param>
/// <param name="GetSummary">The read endpoint's OpenAPI summary.</param>
internal sealed record RelyingPartyCheck(
    string Path,
    string Noun,
    string Article,
    IReadOnlySet<string> Members,
    string UnknownMemberReason,
    string CreateName,
    string CreateSummary,
    string GetName,
    string GetSummary);
