using System.Buffers.Text;
using System.Globalization;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;
using Wallet.Verifier.Transactions;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Page;

/// <summary>
/// What the counter ID check asks for and how its answer reads to a clerk: the PID's portrait, names and birth date
/// (PID Rule Book §4.1.1; SD-JWT VC <c>picture</c>, <c>birthdate</c> or mdoc <c>portrait</c>, <c>birth_date</c>), the
/// portrait optional through <c>claim_sets</c> (OpenID4VP 1.0 §6.4) so a PID without one still answers and the page
/// says so, rather than the wallet refusing. The PID may be either format: <c>credential_sets</c> (§6.2) offers the
/// SD-JWT VC first and the mdoc as the alternative, and the wallet answers with the one it holds.
/// </summary>
internal static class CounterCheck
{
    public const string CredentialQueryId = "counter_pid";
    public const string MdocCredentialQueryId = "counter_pid_mdoc";
    private const string JpegDataUrlPrefix = "data:image/jpeg;base64,";

    public static DcqlQuery Query { get; } = BuildQuery();

    /// <summary>The clerk's view of a counter transaction at <paramref name="today"/>.</summary>
    public static CounterCheckView ToView(PresentationStatusView status, string transactionId, DateOnly today, int clearAfterSeconds)
    {
        switch (status.Status)
        {
            case "verified":
                var credential = Presented(status);
                if (credential is null)
                {
                    return new("refused", clearAfterSeconds) { Reasons = [new("other", "counter.no_pid", "No PID was presented.")] };
                }

                var claims = Attributes(credential);
                var birthDate = Text(claims, "birthdate") ?? Text(claims, "birth_date");
                return new("accepted", clearAfterSeconds)
                {
                    Portrait = TryReadPortrait(claims, out _) ? $"{DemoPageEndpoints.PagePath}{CounterPage.Path}/checks/{transactionId}/portrait.jpg" : null,
                    GivenName = Text(claims, "given_name"),
                    FamilyName = Text(claims, "family_name"),
                    BirthDate = birthDate,
                    Age = DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) ? AgeOn(born, today) : null,
                    LevelOfAssurance = credential.LevelOfAssurance,
                    CredentialStatus = credential.Status,
                    Issuer = credential.Issuer,
                    TrustAnchor = credential.TrustAnchor,
                };
            case "rejected":
                return new("refused", clearAfterSeconds) { Reasons = [.. status.Errors.Select(e => new CounterReason(KindOf(e.Code), e.Code, e.Message))] };
            default:
                return new(status.Status, clearAfterSeconds);
        }
    }

    /// <summary>The JPEG of the presented portrait, when the PID had one in the rule book's encoding.</summary>
    public static bool TryReadPortrait(PresentationStatusView status, out byte[] jpeg)
    {
        jpeg = [];
        return status.Status == "verified"
            && Presented(status) is { } credential
            && TryReadPortrait(Attributes(credential), out jpeg);
    }

    private static VerifiedCredential? Presented(PresentationStatusView status) =>
        status.Credentials.GetValueOrDefault(CredentialQueryId) is [var sdJwt, ..] ? sdJwt
        : status.Credentials.GetValueOrDefault(MdocCredentialQueryId) is [var mdoc, ..] ? mdoc
        : null;

    // SD-JWT VC claims are flat; an mdoc's are under the PID namespace, read as the same structure.
    private static JsonObject Attributes(VerifiedCredential credential) =>
        credential.Doctype is not null && credential.Claims[PidMdoc.NameSpace] is JsonObject elements ? elements : credential.Claims;

    /// <summary>Whole years from <paramref name="born"/> to <paramref name="today"/>.</summary>
    public static int AgeOn(DateOnly born, DateOnly today) =>
        today.Year - born.Year - (today.Month < born.Month || (today.Month == born.Month && today.Day < born.Day) ? 1 : 0);

    private static bool TryReadPortrait(JsonObject claims, out byte[] jpeg)
    {
        jpeg = [];
        if (Text(claims, "picture") is { } picture)
        {
            // SD-JWT VC: a data URL (PID Rule Book §4.1.1, PID_03).
            if (!picture.StartsWith(JpegDataUrlPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            try
            {
                jpeg = Convert.FromBase64String(picture[JpegDataUrlPrefix.Length..]);
            }
            catch (FormatException)
            {
                return false;
            }
        }
        else if (Text(claims, "portrait") is { } portrait)
        {
            // mdoc: a bstr of the JPEG, which the verified claims carry as base64url (CborValue.ToJsonNode).
            try
            {
                jpeg = Base64Url.DecodeFromChars(portrait);
            }
            catch (FormatException)
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        // ISO/IEC 10918-1: a JPEG stream starts with SOI (FF D8); anything else is not shown as the person's face.
        return jpeg is [0xFF, 0xD8, ..];
    }

    private static string KindOf(string code) => code switch
    {
        VerifierErrorCodes.LevelOfAssuranceTooLow => "level",
        SdJwtVcErrorCodes.Revoked or SdJwtVcErrorCodes.Suspended or MdocErrorCodes.StatusRevoked or MdocErrorCodes.StatusSuspended => "revoked",
        _ => "other",
    };

    private static string? Text(JsonObject claims, string name) =>
        claims[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DcqlQuery BuildQuery()
    {
        var json = new JsonObject
        {
            ["credentials"] = new JsonArray(
                new JsonObject
                {
                    ["id"] = CredentialQueryId,
                    ["format"] = DcqlFormats.SdJwtVc,
                    ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(PidSdJwtVc.Vct) },
                    ["claims"] = new JsonArray(
                        Claim("given", "given_name"),
                        Claim("family", "family_name"),
                        Claim("birth", "birthdate"),
                        Claim("picture", "picture")),
                    ["claim_sets"] = new JsonArray(new JsonArray("given", "family", "birth", "picture"), new JsonArray("given", "family", "birth")),
                },
                new JsonObject
                {
                    ["id"] = MdocCredentialQueryId,
                    ["format"] = DcqlFormats.MsoMdoc,
                    ["meta"] = new JsonObject { ["doctype_value"] = PidMdoc.DocType },
                    ["claims"] = new JsonArray(
                        Claim("given", PidMdoc.NameSpace, "given_name"),
                        Claim("family", PidMdoc.NameSpace, "family_name"),
                        Claim("birth", PidMdoc.NameSpace, "birth_date"),
                        Claim("portrait", PidMdoc.NameSpace, "portrait")),
                    ["claim_sets"] = new JsonArray(new JsonArray("given", "family", "birth", "portrait"), new JsonArray("given", "family", "birth")),
                }),
            ["credential_sets"] = new JsonArray(new JsonObject { ["options"] = new JsonArray(new JsonArray(CredentialQueryId), new JsonArray(MdocCredentialQueryId)) }),
        };
        return DcqlQuery.TryParse(json.ToJsonString(), out var query, out var errors)
            ? query
            : throw new InvalidOperationException($"The counter query is invalid: {string.Join("; ", errors.Select(e => e.Message))}");

        static JsonObject Claim(string id, params string[] path) => new() { ["id"] = id, ["path"] = new JsonArray([.. path.Select(p => (JsonNode)JsonValue.Create(p))]), ["intent_to_retain"] = false };
    }
}
