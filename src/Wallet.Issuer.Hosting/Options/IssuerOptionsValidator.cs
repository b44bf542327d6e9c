using System.Globalization;
using Microsoft.Extensions.Options;
using Wallet.Core.AgeVerification;
using Wallet.Core.Mdoc;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Trust;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Options;

/// <summary>Checks <see cref="IssuerOptions"/> at start-up; every message names the setting (<c>Issuer:…</c>).</summary>
/// <remarks>
/// Only the settings of the defaults in use are checked (<see cref="IssuerComposition"/>): a host that supplies its own
/// keys, register, stores or login is not asked for key files, the data folder or login settings, and settings that
/// would configure a replaced default are refused rather than silently ignored.
/// </remarks>
internal sealed class IssuerOptionsValidator(TimeProvider timeProvider, IssuerComposition composition) : IValidateOptions<IssuerOptions>
{
    private static readonly TimeSpan MaxRefreshTokenLifetime = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, IssuerOptions options)
    {
        var failures = new List<string>();
        Wallet.Hosting.Database.RelationalDatabase.Validate(options.Database, "Issuer", failures);
        if (!Uri.TryCreate(options.IssuerUrl, UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment) || options.IssuerUrl.EndsWith('/'))
        {
            failures.Add("Issuer:IssuerUrl must be an absolute https URL without query, fragment or trailing slash (OpenID4VCI 1.0 §12.2.1).");
        }

        if (composition.UsesDataDirectory && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Issuer:DataDirectory must name a folder.");
        }
        else
        {
            ValidateKeys(failures, options);
        }

        failures.AddRange(options.Statistics.Validate("Issuer:Statistics"));
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var hash = options.ApiKeys[i].Sha256;
            if (hash is not { Length: 64 } || !hash.All(char.IsAsciiHexDigitLower))
            {
                failures.Add($"Issuer:ApiKeys:{i}:Sha256 must be 64 lower-case hex digits (the SHA-256 of the key).");
            }
        }

        Positive(failures, options.OfferLifetime, "OfferLifetime");
        Positive(failures, options.AccessTokenLifetime, "AccessTokenLifetime");
        Positive(failures, options.CNonceLifetime, "CNonceLifetime");
        Positive(failures, options.DpopNonceLifetime, "DpopNonceLifetime");
        Positive(failures, options.CredentialLifetime, "CredentialLifetime");
        Positive(failures, options.PushedRequestLifetime, "PushedRequestLifetime");
        Positive(failures, options.AuthorizationCodeLifetime, "AuthorizationCodeLifetime");
        Positive(failures, options.SweepInterval, "SweepInterval");
        Positive(failures, options.RefreshTokenLifetime, "RefreshTokenLifetime");
        if (options.RefreshTokenLifetime > MaxRefreshTokenLifetime)
        {
            failures.Add("Issuer:RefreshTokenLifetime must be at most 365 days; HAIP 1.0 §4.4 does not recommend refreshing a credential with a refresh token after a year.");
        }

        if (options.DeferredInterval < TimeSpan.FromSeconds(1) || options.DeferredInterval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add("Issuer:DeferredInterval must be a whole number of seconds, at least 1 (OpenID4VCI 1.0 §8.3 interval).");
        }

        if (options.AccessTokenLifetime > TimeSpan.FromMinutes(5) && !options.RequireDpop)
        {
            failures.Add("Issuer:AccessTokenLifetime above 5 minutes requires Issuer:RequireDpop=true (OpenID4VCI 1.0 §13.10).");
        }

        Range(failures, options.TxCodeLength, 4, 12, "TxCodeLength");
        Range(failures, options.TxCodeMaxAttempts, 1, 10, "TxCodeMaxAttempts");
        Range(failures, options.BatchSize, 1, 100, "BatchSize");
        if (options.BatchSize >= 2)
        {
            Range(failures, options.ReissueTriggerUnused, 0, options.BatchSize - 1, "ReissueTriggerUnused");
        }

        if (options.ReissueTriggerLifetimeLeft is { } left && (left <= TimeSpan.Zero || left >= options.CredentialLifetime))
        {
            failures.Add("Issuer:ReissueTriggerLifetimeLeft must be positive and shorter than Issuer:CredentialLifetime (ARF ISSU_50).");
        }
        Range(failures, options.StatusListSize, 1024, 1 << 24, "StatusListSize");
        if (options.IssuingCountry is not { Length: 2 } || !options.IssuingCountry.All(char.IsAsciiLetterUpper))
        {
            failures.Add("Issuer:IssuingCountry must be an ISO 3166-1 alpha-2 code.");
        }

        if (string.IsNullOrWhiteSpace(options.IssuingAuthority) || options.IssuingAuthority.Length > 150)
        {
            failures.Add("Issuer:IssuingAuthority must be 1 to 150 characters.");
        }

        if (options.RequireWalletAttestation)
        {
            if (options.WalletProviderTrustAnchors.Count == 0)
            {
                failures.Add("Issuer:WalletProviderTrustAnchors must name at least one PEM file while Issuer:RequireWalletAttestation is true (HAIP 1.0 §4.4.1).");
            }
            else if (!TrustAnchorStore.TryFromFiles(options.WalletProviderTrustAnchors, null, "wallet provider", out _, out var anchorErrors))
            {
                failures.Add("Issuer:WalletProviderTrustAnchors cannot be loaded: " + string.Join(" ", anchorErrors.Select(e => e.Message)));
            }
        }

        for (var i = 0; i < options.AdditionalRedirectUriSchemes.Count; i++)
        {
            if (!RedirectUriPolicy.IsAllowableScheme(options.AdditionalRedirectUriSchemes[i], out var reason))
            {
                failures.Add($"Issuer:AdditionalRedirectUriSchemes:{i}: {reason}");
            }
        }

        ValidateConfigurations(failures, options);
        ValidateLogin(failures, options);
        failures.AddRange(options.RateLimits.Validate("Issuer:RateLimits"));
        failures.AddRange(options.CredentialEncryption.Validate("Issuer:CredentialEncryption"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateConfigurations(List<string> failures, IssuerOptions options)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, configuration) in options.CredentialConfigurations)
        {
            var setting = $"Issuer:CredentialConfigurations:{id}";
            if (string.IsNullOrWhiteSpace(configuration.Scope) || configuration.Scope.Contains(' ', StringComparison.Ordinal))
            {
                failures.Add($"{setting}:Scope must be one scope token; HAIP 1.0 §4.1 requires a scope for every configuration.");
            }
            else if (!scopes.Add(configuration.Scope))
            {
                failures.Add($"{setting}:Scope '{configuration.Scope}' is used by another configuration; each scope maps to one credential type.");
            }

            switch (configuration.Format)
            {
                case CredentialFormats.DcSdJwt when string.IsNullOrWhiteSpace(configuration.Vct):
                    failures.Add($"{setting}:Vct is required for format dc+sd-jwt (OpenID4VCI 1.0 Appendix A.3).");
                    break;
                case CredentialFormats.MsoMdoc when configuration.Doctype is not (PidMdoc.DocType or AgeVerificationAttestation.DocType or Wallet.Core.Representation.PowerOfRepresentationAttestation.DocType):
                    failures.Add($"{setting}:Doctype must be '{PidMdoc.DocType}', '{AgeVerificationAttestation.DocType}' or '{Wallet.Core.Representation.PowerOfRepresentationAttestation.DocType}': the mdoc types this issuer can fill from its register.");
                    break;
                case CredentialFormats.DcSdJwt or CredentialFormats.MsoMdoc:
                    break;
                default:
                    failures.Add($"{setting}:Format '{configuration.Format}' is not supported; use dc+sd-jwt or mso_mdoc.");
                    break;
            }

            if (configuration.KeyAttestationsRequired is { } required)
            {
                // Appendix D: key attestations are signed by a wallet provider; without its anchors none could be accepted.
                if (options.WalletProviderTrustAnchors.Count == 0)
                {
                    failures.Add($"{setting}:KeyAttestationsRequired needs Issuer:WalletProviderTrustAnchors: key attestations chain to a wallet provider's trust anchor (HAIP 1.0 §4.5.1).");
                }
                else if (!options.RequireWalletAttestation && !TrustAnchorStore.TryFromFiles(options.WalletProviderTrustAnchors, null, "wallet provider", out _, out var anchorErrors))
                {
                    failures.Add("Issuer:WalletProviderTrustAnchors cannot be loaded: " + string.Join(" ", anchorErrors.Select(e => e.Message)));
                }

                if (required.KeyStorage.Concat(required.UserAuthentication).Any(string.IsNullOrWhiteSpace))
                {
                    failures.Add($"{setting}:KeyAttestationsRequired lists an empty value; use values such as '{AttackPotentialResistance.Iso18045High}' (OpenID4VCI 1.0 Appendix D.2).");
                }
            }

            for (var i = 0; i < configuration.Claims.Count; i++)
            {
                if (configuration.Claims[i].Path.Count == 0 || configuration.Claims[i].Path.Any(string.IsNullOrEmpty))
                {
                    failures.Add($"{setting}:Claims:{i}:Path must be a non-empty list of names.");
                }
            }
        }
    }

    private void ValidateKeys(List<string> failures, IssuerOptions options)
    {
        if (composition.HostKeys)
        {
            // One key source: key settings next to the host's own keys would be ignored, which hides a mistake.
            if (options.Keys.IsConfigured)
            {
                failures.Add("Issuer:Keys must be empty: the host supplies the signing keys (UseSigningKeys).");
            }

            if (options.GenerateDevelopmentKeys)
            {
                failures.Add("Issuer:GenerateDevelopmentKeys must be false: the host supplies the signing keys (UseSigningKeys).");
            }
        }
        else if (options.Keys.IsConfigured)
        {
            if (options.GenerateDevelopmentKeys)
            {
                failures.Add("Issuer:GenerateDevelopmentKeys must be false while Issuer:Keys names key files.");
            }

            if (ConfiguredIssuerKeys.TryLoad(options.Keys, timeProvider.GetUtcNow(), out var checkedKeys, out var keyFailures))
            {
                // Only checked here; the key provider opens its own (token sessions included).
                checkedKeys.Dispose();
            }
            else
            {
                failures.AddRange(keyFailures);
            }
        }
        else if (!options.GenerateDevelopmentKeys && !FileSystemIssuerKeys.Exist(options.DataDirectory))
        {
            failures.Add($"Issuer:DataDirectory has no signing keys in '{FileSystemIssuerKeys.KeyFolder(options.DataDirectory)}'; name key files in Issuer:Keys, put them there, or set Issuer:GenerateDevelopmentKeys=true (development only).");
        }
    }

    private void ValidateLogin(List<string> failures, IssuerOptions options)
    {
        if (composition.HostLogin)
        {
            // The authorization endpoint has one user authentication: the host's.
            if (options.EnableDevelopmentLogin)
            {
                failures.Add("Issuer:EnableDevelopmentLogin must be false: the host supplies the login (UseLogin).");
            }

            if (options.Upstream.IsConfigured)
            {
                failures.Add("Issuer:Upstream:Authority must be unset: the host supplies the login (UseLogin).");
            }

            return;
        }

        if (options.EnableDevelopmentLogin && composition.HostRegister)
        {
            failures.Add("Issuer:EnableDevelopmentLogin must be false: the development login lists the embedded register's synthetic persons, and the host supplies its own register (UsePersonRegister).");
        }

        ValidateUpstream(failures, options);
    }

    private static void ValidateUpstream(List<string> failures, IssuerOptions options)
    {
        var upstream = options.Upstream;
        if (!upstream.IsConfigured)
        {
            return;
        }

        if (options.EnableDevelopmentLogin)
        {
            failures.Add("Issuer:EnableDevelopmentLogin must be false while Issuer:Upstream:Authority is set: the authorization endpoint has one user authentication.");
        }

        if (!Uri.TryCreate(upstream.Authority, UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && !(authority.Scheme == Uri.UriSchemeHttp && !upstream.RequireHttpsMetadata)))
        {
            failures.Add("Issuer:Upstream:Authority must be an absolute https URL (http only with Issuer:Upstream:RequireHttpsMetadata=false).");
        }

        if (string.IsNullOrWhiteSpace(upstream.ClientId))
        {
            failures.Add("Issuer:Upstream:ClientId is required when Issuer:Upstream:Authority is set.");
        }

        if (string.IsNullOrWhiteSpace(upstream.PersonIdClaim))
        {
            failures.Add("Issuer:Upstream:PersonIdClaim must name the ID token claim that identifies the person in the authentic source.");
        }

        if (!upstream.Scopes.Contains("openid", StringComparer.Ordinal))
        {
            failures.Add("Issuer:Upstream:Scopes must contain 'openid' (OpenID Connect Core 1.0 §3.1.2.1).");
        }

        for (var i = 0; i < upstream.AcrLevels.Count; i++)
        {
            var entry = upstream.AcrLevels[i];
            if (string.IsNullOrWhiteSpace(entry.Acr) || entry.Acr.Contains(' ', StringComparison.Ordinal))
            {
                failures.Add($"Issuer:Upstream:AcrLevels:{i}:Acr must be one acr value without spaces.");
            }

            if (!Enum.IsDefined(entry.Level))
            {
                failures.Add($"Issuer:Upstream:AcrLevels:{i}:Level must be Low, Substantial or High.");
            }
        }

        if (upstream.AcrLevels.Select(a => a.Acr).Distinct(StringComparer.Ordinal).Count() != upstream.AcrLevels.Count)
        {
            failures.Add("Issuer:Upstream:AcrLevels names an acr value twice.");
        }

        if (!upstream.AcrLevels.Any(a => a.Level == LevelOfAssurance.High))
        {
            failures.Add("Issuer:Upstream:AcrLevels must map at least one acr value to High: PID is only issued at level of assurance high.");
        }
    }

    private static void Positive(List<string> failures, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Issuer:{setting} must be positive.");
        }
    }

    private static void Range(List<string> failures, int value, int min, int max, string setting)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Issuer:{setting} must be between {min} and {max}."));
        }
    }
}
