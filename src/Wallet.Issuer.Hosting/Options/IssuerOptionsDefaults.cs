using Microsoft.Extensions.Options;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.SdJwtVc;

namespace Wallet.Issuer.Options;

/// <summary>Fills in the PID credential configurations and the issuer display when the configuration gives none.</summary>
internal sealed class IssuerOptionsDefaults : IPostConfigureOptions<IssuerOptions>
{
    /// <summary>Identifier of the default PID SD-JWT VC configuration.</summary>
    public const string PidSdJwtId = "eu.europa.ec.eudi.pid_vc_sd_jwt";

    /// <summary>Identifier of the default PID mdoc configuration.</summary>
    public const string PidMdocId = "eu.europa.ec.eudi.pid_mso_mdoc";

    private static readonly (string Name, string En, string Nb)[] PidClaims =
    [
        ("family_name", "Family name", "Etternavn"),
        ("given_name", "Given name", "Fornavn"),
        ("birthdate", "Date of birth", "Fødselsdato"),
        ("place_of_birth", "Place of birth", "Fødested"),
        ("nationalities", "Nationalities", "Statsborgerskap"),
        ("personal_administrative_number", "Personal administrative number", "Personlig administrativt nummer"),
        ("issuing_authority", "Issuing authority", "Utstedende myndighet"),
        ("issuing_country", "Issuing country", "Utstedende land"),
    ];

    private static readonly Dictionary<string, string> MdocElementNames = new(StringComparer.Ordinal)
    {
        ["birthdate"] = "birth_date",
        ["nationalities"] = "nationality",
    };

    public void PostConfigure(string? name, IssuerOptions options)
    {
        if (options.Upstream.Scopes.Count == 0)
        {
            options.Upstream.Scopes.Add("openid");
        }

        if (options.CredentialConfigurations.Count == 0)
        {
            options.CredentialConfigurations[PidSdJwtId] = new CredentialConfigurationOptions
            {
                Format = CredentialFormats.DcSdJwt,
                Scope = PidSdJwtId,
                Vct = PidSdJwtVc.Vct,
                Display = PidDisplay(),
                Claims = [.. PidClaims.Select(c => Claim([c.Name], c.En, c.Nb, c.Name is "family_name" or "given_name" or "birthdate"))],
            };
            options.CredentialConfigurations[PidMdocId] = new CredentialConfigurationOptions
            {
                Format = CredentialFormats.MsoMdoc,
                Scope = PidMdocId,
                Doctype = PidMdoc.DocType,
                Display = PidDisplay(),
                Claims = [.. PidClaims.Select(c => Claim([PidMdoc.NameSpace, MdocElementNames.GetValueOrDefault(c.Name, c.Name)], c.En, c.Nb, c.Name is "family_name" or "given_name" or "birthdate"))],
            };
        }

        if (options.Display.Count == 0)
        {
            options.Display.Add(new DisplayOptions { Name = "PID Provider (development)", Locale = "en" });
            options.Display.Add(new DisplayOptions { Name = "PID-utsteder (utvikling)", Locale = "nb" });
        }
    }

    private static List<DisplayOptions> PidDisplay() =>
    [
        new() { Name = "Person Identification Data (PID)", Locale = "en", BackgroundColor = "#12107c", TextColor = "#ffffff" },
        new() { Name = "Personidentifikasjonsdata (PID)", Locale = "nb", BackgroundColor = "#12107c", TextColor = "#ffffff" },
    ];

    private static ClaimOptions Claim(List<string> path, string en, string nb, bool mandatory) => new()
    {
        Path = path,
        Mandatory = mandatory ? true : null,
        Display = new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = en, ["nb"] = nb },
    };
}
