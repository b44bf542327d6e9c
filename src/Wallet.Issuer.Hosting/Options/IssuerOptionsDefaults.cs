using Microsoft.Extensions.Options;
using Wallet.Core.AgeVerification;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Representation;
using Wallet.Core.SdJwtVc;

namespace Wallet.Issuer.Options;

/// <summary>Fills in the PID credential configurations and the issuer display when the configuration gives none.</summary>
internal sealed class IssuerOptionsDefaults : IPostConfigureOptions<IssuerOptions>
{
    /// <summary>Identifier of the default PID SD-JWT VC configuration.</summary>
    public const string PidSdJwtId = "eu.europa.ec.eudi.pid_vc_sd_jwt";

    /// <summary>Identifier of the default PID mdoc configuration.</summary>
    public const string PidMdocId = "eu.europa.ec.eudi.pid_mso_mdoc";

    /// <summary>
    /// Identifier and scope of the default age verification configuration: the EU Age Verification profile fixes
    /// <c>proof_of_age</c> for both (Annex A.4, Credential Offer and Authorization Endpoint).
    /// </summary>
    public const string AgeVerificationId = "proof_of_age";

    /// <summary>Identifier of the default Power of Representation SD-JWT VC configuration (offered for a relation only).</summary>
    public const string RepresentationSdJwtId = "eu.europa.ec.eudi.por_vc_sd_jwt";

    /// <summary>Identifier of the default Power of Representation mdoc configuration (offered for a relation only).</summary>
    public const string RepresentationMdocId = "eu.europa.ec.eudi.por_mso_mdoc";

    private static readonly (string Name, string En, string Nb)[] RepresentationClaims =
    [
        ("nature", "Nature of the representation", "Type representasjon"),
        ("represented_family_name", "Represented: family name", "Representert: etternavn"),
        ("represented_given_name", "Represented: given name", "Representert: fornavn"),
        ("represented_birth_date", "Represented: date of birth", "Representert: fødselsdato"),
        ("legal_name", "Represented organisation", "Representert virksomhet"),
        ("legal_person_identifier", "Organisation identifier", "Organisasjonsnummer"),
        ("representative_family_name", "Representative: family name", "Fullmektig: etternavn"),
        ("representative_given_name", "Representative: given name", "Fullmektig: fornavn"),
        ("representative_birth_date", "Representative: date of birth", "Fullmektig: fødselsdato"),
        ("full_powers", "Full powers", "Full fullmakt"),
        ("eService", "Services covered", "Tjenester som omfattes"),
        ("effective_from_date", "Effective from", "Gjelder fra"),
        ("effective_until_date", "Effective until", "Gjelder til"),
        ("issuing_authority", "Issuing authority", "Utstedende myndighet"),
        ("issuing_country", "Issuing country", "Utstedende land"),
    ];

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

        // Entries without a format under a default identifier only adjust that default (e.g. its level of assurance or deferred issuance);
        // the defaults are used when nothing else is configured.
        var defaults = DefaultConfigurations();
        if (options.CredentialConfigurations.All(c => string.IsNullOrEmpty(c.Value.Format) && defaults.ContainsKey(c.Key)))
        {
            foreach (var (id, configuration) in defaults)
            {
                if (options.CredentialConfigurations.TryGetValue(id, out var overlay))
                {
                    configuration.MinimumLevelOfAssurance = overlay.MinimumLevelOfAssurance ?? configuration.MinimumLevelOfAssurance;
                    configuration.KeyAttestationsRequired = overlay.KeyAttestationsRequired ?? configuration.KeyAttestationsRequired;
                    configuration.Deferred |= overlay.Deferred;
                }

                options.CredentialConfigurations[id] = configuration;
            }
        }

        if (options.Display.Count == 0)
        {
            options.Display.Add(new DisplayOptions { Name = "PID Provider (development)", Locale = "en" });
            options.Display.Add(new DisplayOptions { Name = "PID-utsteder (utvikling)", Locale = "nb" });
        }
    }

    private static Dictionary<string, CredentialConfigurationOptions> DefaultConfigurations() => new(StringComparer.Ordinal)
    {
        [PidSdJwtId] = new CredentialConfigurationOptions
        {
            Format = CredentialFormats.DcSdJwt,
            Scope = PidSdJwtId,
            Vct = PidSdJwtVc.Vct,
            Display = PidDisplay(),
            Claims = [.. PidClaims.Select(c => Claim([c.Name], c.En, c.Nb, c.Name is "family_name" or "given_name" or "birthdate"))],
        },
        [PidMdocId] = new CredentialConfigurationOptions
        {
            Format = CredentialFormats.MsoMdoc,
            Scope = PidMdocId,
            Doctype = PidMdoc.DocType,
            Display = PidDisplay(),
            Claims = [.. PidClaims.Select(c => Claim([PidMdoc.NameSpace, MdocElementNames.GetValueOrDefault(c.Name, c.Name)], c.En, c.Nb, c.Name is "family_name" or "given_name" or "birthdate"))],
        },
        [AgeVerificationId] = new CredentialConfigurationOptions
        {
            Format = CredentialFormats.MsoMdoc,
            Scope = AgeVerificationId,
            Doctype = AgeVerificationAttestation.DocType,
            Display =
            [
                new() { Name = "Proof of age", Locale = "en", BackgroundColor = "#0b5d1e", TextColor = "#ffffff" },
                new() { Name = "Aldersbevis", Locale = "nb", BackgroundColor = "#0b5d1e", TextColor = "#ffffff" },
            ],
            Claims = [.. AgeVerificationAttestation.Ages.Select(age => Claim([AgeVerificationAttestation.NameSpace, AgeVerificationAttestation.ElementFor(age)], $"Age {age} or over", $"{age} år eller eldre", true))],
        },
        [RepresentationSdJwtId] = new CredentialConfigurationOptions
        {
            Format = CredentialFormats.DcSdJwt,
            Scope = RepresentationSdJwtId,
            Vct = PowerOfRepresentationAttestation.Vct,
            Display = RepresentationDisplay(),
            Claims = [.. RepresentationClaims.Select(c => Claim([c.Name], c.En, c.Nb, false))],
        },
        [RepresentationMdocId] = new CredentialConfigurationOptions
        {
            Format = CredentialFormats.MsoMdoc,
            Scope = RepresentationMdocId,
            Doctype = PowerOfRepresentationAttestation.DocType,
            Display = RepresentationDisplay(),
            Claims = [.. RepresentationClaims.Select(c => Claim([PowerOfRepresentationAttestation.NameSpace, c.Name], c.En, c.Nb, false))],
        },
    };

    private static List<DisplayOptions> RepresentationDisplay() =>
    [
        new() { Name = "Power of representation", Locale = "en", BackgroundColor = "#5c2d91", TextColor = "#ffffff" },
        new() { Name = "Fullmakt", Locale = "nb", BackgroundColor = "#5c2d91", TextColor = "#ffffff" },
    ];

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
