using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Representation;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Representation;

/// <summary>
/// Representation checks in the relying-party API under <c>/api/representation-checks</c> (issue 13 §1): the relying
/// party names its service (and, when it knows, whom the person must act for); the request asks for PID and the Power of
/// Representation together (<see cref="RepresentationPolicy.Query"/>, one <c>credential_sets</c> option); the answer is
/// "A acts for B with scope S" or every failed check with its code.
/// </summary>
internal static class RepresentationCheckEndpoints
{
    private static readonly RelyingPartyCheck Check = new(
        "/api/representation-checks",
        "representation check",
        "a",
        new HashSet<string>(StringComparer.Ordinal) { "service_id", "represented" },
        "the query is fixed (PID and representation together)",
        "CreateRepresentationCheck",
        "Creates a request for PID and representation together for this relying party's service_id (and optionally the represented party); returns the openid4vp:// URI to show as QR code or link.",
        "GetRepresentationCheck",
        "Reads the decision: pending, expired, or decided with 'A acts for B with scope S' or every failed check with its code.");

    public static void Map(IEndpointRouteBuilder routes) => RelyingPartyCheckEndpoints.Map<RepresentationCheckView, RepresentationCheckReader>(routes, Check, ReadMembers);

    private static bool ReadMembers(JsonElement root, out Func<Uri?, string?, CreatePresentationCommand> command, out Core.VerificationError problem)
    {
        command = null!;
        // The helper admitted only an object through StrictJson; it is viewed as a node, not parsed again.
        var json = JsonObject.Create(root)!;
        if (json["service_id"] is null)
        {
            problem = new(RelyingPartyApiErrorCodes.MissingMember, "'service_id' is required: the service the person acts in.");
            return false;
        }

        var checkMembers = new JsonObject { ["service_id"] = json["service_id"]!.DeepClone(), ["represented"] = json["represented"]?.DeepClone() };
        if (RepresentationCheck.TryRead(checkMembers, out var checkProblem) is not { } check)
        {
            problem = new(RelyingPartyApiErrorCodes.InvalidMember, checkProblem!);
            return false;
        }

        var checkJson = check.ToJson();
        command = (redirect, prefix) => new CreatePresentationCommand(RepresentationPolicy.Query(), ResponseModes.DirectPostJwt, RequestUriMethods.Get, redirect, prefix) { RepresentationCheckJson = checkJson };
        problem = null!;
        return true;
    }
}
