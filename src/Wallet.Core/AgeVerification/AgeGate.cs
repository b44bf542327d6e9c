using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;

namespace Wallet.Core.AgeVerification;

/// <summary>
/// A relying party's age gate: asks for one <c>age_over_NN</c> statement of the age verification attestation and
/// nothing else (no name, no birth date; data minimisation, GDPR Art. 5(1)(c)), and turns the verified answer into yes
/// or no. The gate accepts only <see cref="AgeVerificationAttestation"/>: the PID no longer carries age statements
/// (PID Rule Book v1.1 change log), and deriving an age from the PID's birth date would disclose the date itself.
/// </summary>
public static class AgeGate
{
    /// <summary>The Credential Query id of the age gate's query.</summary>
    public const string CredentialQueryId = "age";

    /// <summary>
    /// The DCQL query (OpenID4VP 1.0 §6) of an age gate for <paramref name="age"/>: one mdoc of the age verification
    /// docType, one claim <c>age_over_NN</c>, not retained (ISO/IEC 18013-5 <c>intentToRetain</c>, OpenID4VP 1.0 B.3.1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The age is not one of <see cref="AgeVerificationAttestation.Ages"/>.</exception>
    public static DcqlQuery Query(int age)
    {
        var json = new JsonObject
        {
            ["credentials"] = new JsonArray(new JsonObject
            {
                ["id"] = CredentialQueryId,
                ["format"] = DcqlFormats.MsoMdoc,
                ["meta"] = new JsonObject { ["doctype_value"] = AgeVerificationAttestation.DocType },
                ["claims"] = new JsonArray(new JsonObject
                {
                    ["path"] = new JsonArray(AgeVerificationAttestation.NameSpace, AgeVerificationAttestation.ElementFor(age)),
                    ["intent_to_retain"] = false,
                }),
            }),
        };
        return DcqlQuery.TryParse(json.ToJsonString(), out var query, out var errors)
            ? query
            : throw new InvalidOperationException("The age gate's own DCQL query does not parse: " + string.Join("; ", errors.Select(e => e.Message)));
    }

    /// <summary>
    /// True when <paramref name="query"/> has the shape of <see cref="Query(int)"/>, with the age it asks for: a
    /// transaction made for an age gate is recognised by its stored query, so an ordinary presentation request is
    /// never answered as an age check.
    /// </summary>
    public static bool TryReadAge(DcqlQuery query, out int age)
    {
        ArgumentNullException.ThrowIfNull(query);
        age = 0;
        if (query.Credentials is not [{ Id: CredentialQueryId, Format: DcqlFormats.MsoMdoc, Multiple: false, Meta: MdocCredentialQueryMeta { DoctypeValue: AgeVerificationAttestation.DocType }, Claims: [var claim] }]
            || query.CredentialSets.Count != 0
            || claim.Values.Count != 0
            || claim.Path.Segments is not [{ Name: AgeVerificationAttestation.NameSpace }, { Name: { } element }])
        {
            return false;
        }

        age = AgeVerificationAttestation.Ages.FirstOrDefault(a => AgeVerificationAttestation.ElementFor(a) == element);
        return age != 0;
    }

    /// <summary>
    /// Decides the gate from a verified age verification attestation: yes only when the docType is
    /// <see cref="AgeVerificationAttestation.DocType"/> and its <c>age_over_NN</c> element for <paramref name="age"/> is
    /// the boolean true.
    /// </summary>
    /// <param name="age">The age asked for.</param>
    /// <param name="doctype">The verified document's docType.</param>
    /// <param name="claims">The verified elements as <c>{ namespace: { element: value } }</c>.</param>
    /// <param name="error">Why the answer is no.</param>
    public static bool TryDecide(int age, string? doctype, JsonObject claims, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var element = AgeVerificationAttestation.ElementFor(age);
        if (doctype != AgeVerificationAttestation.DocType)
        {
            error = new(AgeGateErrorCodes.WrongDocType, $"The presented document is '{doctype}', not the age verification attestation '{AgeVerificationAttestation.DocType}'.");
            return false;
        }

        var value = claims[AgeVerificationAttestation.NameSpace] is JsonObject elements ? elements[element] : null;
        if (value is not JsonValue statement || statement.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = new(AgeGateErrorCodes.StatementMissing, $"The attestation has no boolean '{element}'.");
            return false;
        }

        if (!statement.GetValue<bool>())
        {
            error = new(AgeGateErrorCodes.UnderAge, $"The attestation states '{element}' false: the holder is younger than {age}.");
            return false;
        }

        error = null;
        return true;
    }
}
