using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;

namespace Wallet.Core.Tests.Dcql;

/// <summary>Spec vectors and synthetic credentials for the DCQL tests.</summary>
internal static class DcqlTestData
{
    public const string IdentityCredentialVct = "https://credentials.example.com/identity_credential";
    public const string PidVct = "urn:eudi:pid:1";
    public const string PidNamespace = "eu.europa.ec.eudi.pid.1";
    public const string MdlDoctype = "org.iso.18013.5.1.mDL";
    public const string MdlNamespace = "org.iso.18013.5.1";
    public const string MvrcDoctype = "org.iso.7367.1.mVRC";

    public static string VectorPath(params string[] parts)
        => Path.Combine([AppContext.BaseDirectory, "Vectors", "oid4vp", "query_lang", .. parts]);

    public static string ReadVector(params string[] parts) => File.ReadAllText(VectorPath(parts));

    public static DcqlQuery LoadQuery(params string[] parts) => Parse(ReadVector(parts));

    public static DcqlQuery Parse(string json)
    {
        DcqlQuery.TryParse(json, out var query, out var errors).Should().BeTrue(string.Join("; ", errors));
        return query!;
    }

    /// <summary>The ```json blocks of the OpenID4VP 1.0 text that sit under <paramref name="sectionPrefix"/>.</summary>
    public static IReadOnlyList<JsonElement> InlineExamples(string sectionPrefix)
    {
        using var document = JsonDocument.Parse(ReadVector("inline-json-examples.json"));
        return document.RootElement.GetProperty("examples").EnumerateArray()
            .Where(e => e.GetProperty("section").GetString()!.StartsWith(sectionPrefix, StringComparison.Ordinal) && e.GetProperty("valid_json").GetBoolean())
            .Select(e => e.GetProperty("example").Clone())
            .ToArray();
    }

    /// <summary>An SD-JWT VC of the type used by the OpenID4VP examples, with the claims those examples ask for.</summary>
    public static JsonObject IdentityClaims() => new()
    {
        ["last_name"] = "Doe",
        ["first_name"] = "John",
        ["address"] = new JsonObject { ["street_address"] = "123 Main St", ["locality"] = "Anytown", ["region"] = "Anystate" },
        ["postal_code"] = "90210",
        ["locality"] = "Anytown",
        ["region"] = "Anystate",
        ["date_of_birth"] = "1990-01-01",
        ["given_name"] = "John",
        ["family_name"] = "Doe",
    };

    public static DcqlCredential Identity(JsonObject? claims = null, string vct = IdentityCredentialVct, bool holderBinding = true)
        => DcqlCredential.ForSdJwtVc(vct, claims ?? IdentityClaims(), holderBinding);

    public static DcqlCredential IdentityWithout(params string[] topLevelClaims)
    {
        var claims = IdentityClaims();
        foreach (var name in topLevelClaims)
        {
            claims.Remove(name);
        }

        return Identity(claims);
    }

    /// <summary>A synthetic PID SD-JWT VC processed payload (claim names of the PID Rule Book §4.1.1).</summary>
    public static JsonObject PidClaims() => new()
    {
        ["family_name"] = "Mustermann",
        ["given_name"] = "Erika",
        ["birthdate"] = "1964-08-12",
        ["place_of_birth"] = new JsonObject { ["locality"] = "Berlin", ["country"] = "DE" },
        ["nationalities"] = new JsonArray("DE", "FR"),
        ["address"] = new JsonObject { ["locality"] = "Köln", ["postal_code"] = "51147", ["country"] = "DE", ["street_address"] = "Heidestraße", ["house_number"] = "17" },
        ["sex"] = 2,
        ["issuing_authority"] = "DE",
        ["issuing_country"] = "DE",
        ["date_of_expiry"] = "2035-01-01",
    };

    public static DcqlCredential PidCredential(bool holderBinding = true, IEnumerable<TrustedAuthorityIdentifier>? trustedAuthorities = null)
        => DcqlCredential.ForSdJwtVc(PidVct, PidClaims(), holderBinding, trustedAuthorities: trustedAuthorities);

    /// <summary>A synthetic PID mdoc (doctype and namespace eu.europa.ec.eudi.pid.1, element ids of the PID Rule Book §3.1.2).</summary>
    public static DcqlCredential PidMdoc() => DcqlCredential.ForMdoc(PidNamespace, new JsonObject
    {
        [PidNamespace] = new JsonObject
        {
            ["family_name"] = "Mustermann",
            ["given_name"] = "Erika",
            ["birth_date"] = "1964-08-12",
            ["nationality"] = new JsonArray("DE"),
            ["resident_city"] = "Köln",
            ["sex"] = 2,
            ["issuing_country"] = "DE",
        },
    }, hasCryptographicHolderBinding: true);

    public static DcqlCredential Mdl(bool withAddress = true)
    {
        var elements = new JsonObject
        {
            ["given_name"] = "Erika",
            ["family_name"] = "Mustermann",
            ["portrait"] = "/9j/4AAQSkZJRg",
        };
        if (withAddress)
        {
            elements["resident_address"] = "Heidestraße 17, Köln";
            elements["resident_country"] = "DE";
        }

        return DcqlCredential.ForMdoc(MdlDoctype, new JsonObject { [MdlNamespace] = elements }, hasCryptographicHolderBinding: true);
    }

    /// <summary>A vehicle registration mdoc with the elements the OpenID4VP mdoc examples ask for.</summary>
    public static DcqlCredential Mvrc() => DcqlCredential.ForMdoc(MvrcDoctype, new JsonObject
    {
        ["org.iso.7367.1"] = new JsonObject { ["vehicle_holder"] = "Erika Mustermann" },
        [MdlNamespace] = new JsonObject { ["first_name"] = "Erika" },
    }, hasCryptographicHolderBinding: true);

    public static Dictionary<string, IReadOnlyList<DcqlCredential>> Presented(params (string Id, DcqlCredential[] Credentials)[] entries)
        => entries.ToDictionary(e => e.Id, e => (IReadOnlyList<DcqlCredential>)e.Credentials, StringComparer.Ordinal);
}
