using System.Text.Json;
using Wallet.Core.AgeVerification;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Endpoints;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.AgeChecks;

/// <summary>
/// The age gate of the relying-party API under <c>/api/age-checks</c>: the relying party names an age, shows the
/// returned request as QR code or link, and reads back yes or no. The request asks only for <c>age_over_NN</c> of the
/// age verification attestation (<see cref="AgeGate"/>); the answer carries nothing else.
/// </summary>
internal static class AgeCheckEndpoints
{
    private static readonly RelyingPartyCheck Check = new(
        "/api/age-checks",
        "age check",
        "an",
        new HashSet<string>(StringComparer.Ordinal) { "age_over" },
        "it asks for age_over and nothing else",
        "CreateAgeCheck",
        "Creates an age check for age_over (13, 15, 16, 18 or 21) and returns the openid4vp:// URI to show as QR code or link.",
        "GetAgeCheck",
        "Reads the answer: pending, expired, or decided with over true or false and the codes when false. Same-device checks need the response_code.");

    public static void Map(IEndpointRouteBuilder routes) => RelyingPartyCheckEndpoints.Map<AgeCheckView, AgeCheckReader>(routes, Check, ReadMembers);

    private static bool ReadMembers(JsonElement root, out Func<Uri?, string?, CreatePresentationCommand> command, out Core.VerificationError problem)
    {
        command = null!;
        if (!root.TryGetProperty("age_over", out var ageOver))
        {
            problem = new(RelyingPartyApiErrorCodes.MissingMember, "'age_over' is required.");
            return false;
        }

        if (ageOver.ValueKind != JsonValueKind.Number || !ageOver.TryGetInt32(out var age) || !AgeVerificationAttestation.IsSupportedAge(age))
        {
            problem = new(RelyingPartyApiErrorCodes.InvalidMember, $"'age_over' must be one of {string.Join(", ", AgeVerificationAttestation.Ages)}: the ages the age verification attestation states.");
            return false;
        }

        command = (redirect, prefix) => new CreatePresentationCommand(AgeGate.Query(age), ResponseModes.DirectPostJwt, RequestUriMethods.Get, redirect, prefix);
        problem = null!;
        return true;
    }
}
