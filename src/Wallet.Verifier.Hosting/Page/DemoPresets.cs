using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;

namespace Wallet.Verifier.Page;

/// <summary>
/// What the relying-party page can ask for, as DCQL queries over the PID (PID Rule Book v1.6: SD-JWT VC
/// <c>urn:eudi:pid:1</c> and mdoc <c>eu.europa.ec.eudi.pid.1</c>). With both formats chosen, a credential set lets the
/// wallet answer with either (OpenID4VP 1.0 §6.2).
/// </summary>
internal static class DemoPresets
{
    public const string PidBasics = "pid_basics";

    /// <summary>
    /// The PID Rule Book v1.6 defines no <c>age_over_18</c> attribute, so an age check has to ask for the birth date
    /// itself: the page says so, and computes the age from the verified date.
    /// </summary>
    public const string AgeFromBirthDate = "age_from_birth_date";

    public const string Address = "address";
    public const string Nationality = "nationality";

    public const string SdJwtVcQueryId = "pid";
    public const string MdocQueryId = "pid_mdoc";

    public static IReadOnlyList<string> Names { get; } = [PidBasics, AgeFromBirthDate, Address, Nationality];

    /// <summary>The DCQL query for <paramref name="preset"/> in the chosen formats; null for an unknown preset or no known format.</summary>
    public static JsonObject? Query(string preset, IReadOnlyCollection<string> formats)
    {
        if (!Names.Contains(preset, StringComparer.Ordinal) || formats.Count == 0 || formats.Any(f => f is not (DcqlFormats.SdJwtVc or DcqlFormats.MsoMdoc)))
        {
            return null;
        }

        var credentials = new JsonArray();
        if (formats.Contains(DcqlFormats.SdJwtVc))
        {
            credentials.Add(SdJwtVcQuery(preset));
        }

        if (formats.Contains(DcqlFormats.MsoMdoc))
        {
            credentials.Add(MdocQuery(preset));
        }

        var query = new JsonObject { ["credentials"] = credentials };
        if (credentials.Count == 2)
        {
            query["credential_sets"] = new JsonArray(new JsonObject
            {
                ["options"] = new JsonArray(new JsonArray(SdJwtVcQueryId), new JsonArray(MdocQueryId)),
            });
        }

        return query;
    }

    private static JsonObject SdJwtVcQuery(string preset) => new()
    {
        ["id"] = SdJwtVcQueryId,
        ["format"] = DcqlFormats.SdJwtVc,
        ["meta"] = new JsonObject { ["vct_values"] = new JsonArray(PidSdJwtVc.Vct) },
        ["claims"] = preset switch
        {
            PidBasics => Claims(["given_name"], ["family_name"], ["birthdate"]),
            AgeFromBirthDate => Claims(["birthdate"]),
            Address => Claims(["address"]),
            _ => Claims(["nationalities"]),
        },
    };

    private static JsonObject MdocQuery(string preset)
    {
        var query = new JsonObject
        {
            ["id"] = MdocQueryId,
            ["format"] = DcqlFormats.MsoMdoc,
            ["meta"] = new JsonObject { ["doctype_value"] = PidMdoc.DocType },
        };
        switch (preset)
        {
            case PidBasics:
                query["claims"] = Claims([PidMdoc.NameSpace, PidMdoc.GivenName], [PidMdoc.NameSpace, PidMdoc.FamilyName], [PidMdoc.NameSpace, PidMdoc.BirthDate]);
                break;
            case AgeFromBirthDate:
                query["claims"] = Claims([PidMdoc.NameSpace, PidMdoc.BirthDate]);
                break;
            case Address:
                // The structured address is preferred; the formatted resident_address is the alternative (§6.4.1 claim_sets).
                var claims = Claims([PidMdoc.NameSpace, PidMdoc.ResidentStreet], [PidMdoc.NameSpace, PidMdoc.ResidentPostalCode], [PidMdoc.NameSpace, PidMdoc.ResidentCity], [PidMdoc.NameSpace, PidMdoc.ResidentCountry], [PidMdoc.NameSpace, PidMdoc.ResidentAddress]);
                string[] ids = ["street", "postal_code", "city", "country", "formatted"];
                for (var i = 0; i < ids.Length; i++)
                {
                    claims[i]!["id"] = ids[i];
                }

                query["claims"] = claims;
                query["claim_sets"] = new JsonArray(new JsonArray("street", "postal_code", "city", "country"), new JsonArray("formatted"));
                break;
            default:
                query["claims"] = Claims([PidMdoc.NameSpace, PidMdoc.Nationality]);
                break;
        }

        return query;
    }

    private static JsonArray Claims(params string[][] paths) =>
        new(paths.Select(p => (JsonNode)new JsonObject { ["path"] = new JsonArray(p.Select(s => (JsonNode)s).ToArray()) }).ToArray());
}
