using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Trust;
using Wallet.Hosting.Pkcs11;

namespace Wallet.Verifier.Options;

/// <summary>Fails start-up with a message naming the setting when the configuration cannot work.</summary>
internal sealed class VerifierOptionsValidator(IServiceProviderIsService services) : IValidateOptions<VerifierOptions>
{
    public ValidateOptionsResult Validate(string? name, VerifierOptions options)
    {
        var failures = new List<string>();
        if (options.PublicBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)) || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
        {
            failures.Add("Verifier:PublicBaseUrl must be an absolute https URL without query or fragment (http only on loopback).");
        }

        if (options.ClientIdPrefix is not (ClientIdPrefixes.X509Hash or ClientIdPrefixes.X509SanDns))
        {
            failures.Add($"Verifier:ClientIdPrefix must be '{ClientIdPrefixes.X509Hash}' or '{ClientIdPrefixes.X509SanDns}'.");
        }

        Wallet.Hosting.Database.RelationalDatabase.Validate(options.Database, VerifierOptions.SectionName, failures);

        if (options.RelyingParties.Count == 0 && !options.DemoPage.Enabled)
        {
            failures.Add("Verifier:RelyingParties must list at least one relying party (or enable Verifier:DemoPage).");
        }

        failures.AddRange(options.Statistics.Validate("Verifier:Statistics"));
        failures.AddRange(options.TypeMetadata.Validate("Verifier:TypeMetadata"));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.RelyingParties.Count; i++)
        {
            var rp = options.RelyingParties[i];
            if (!IsIdentifier(rp.Id) || !ids.Add(rp.Id))
            {
                failures.Add($"Verifier:RelyingParties:{i}:Id must be unique and 1 to 64 letters, digits, '.', '_' or '-'.");
            }

            if (rp.ApiKeySha256 is not { Length: 64 } hash || !hash.All(Uri.IsHexDigit))
            {
                failures.Add($"Verifier:RelyingParties:{i}:ApiKeySha256 must be the 64 hex digits of the SHA-256 of the API key.");
            }

            if (rp.Webhook is { } webhook)
            {
                if (webhook.Url is not { IsAbsoluteUri: true } hook || (hook.Scheme != Uri.UriSchemeHttps && !(hook.Scheme == Uri.UriSchemeHttp && hook.IsLoopback)) || !string.IsNullOrEmpty(hook.Fragment))
                {
                    failures.Add($"Verifier:RelyingParties:{i}:Webhook:Url must be an absolute https URL without fragment (http only on loopback).");
                }

                if (webhook.MaxAttempts is < 1 or > 20)
                {
                    failures.Add($"Verifier:RelyingParties:{i}:Webhook:MaxAttempts must be between 1 and 20.");
                }

                if (webhook.FirstRetryDelay < TimeSpan.FromSeconds(1) || webhook.FirstRetryDelay > TimeSpan.FromHours(1))
                {
                    failures.Add($"Verifier:RelyingParties:{i}:Webhook:FirstRetryDelay must be between 00:00:01 and 01:00:00.");
                }
            }
        }

        if (options.DemoPage.Enabled)
        {
            if (!IsIdentifier(options.DemoPage.RelyingPartyId) || ids.Contains(options.DemoPage.RelyingPartyId))
            {
                failures.Add("Verifier:DemoPage:RelyingPartyId must be 1 to 64 letters, digits, '.', '_' or '-', and differ from every Verifier:RelyingParties id.");
            }

            if (options.DemoPage.MaxTransactionsPerMinute is < 1 or > 10_000)
            {
                failures.Add("Verifier:DemoPage:MaxTransactionsPerMinute must be between 1 and 10000.");
            }

            if (options.DemoPage.CounterResultDisplayTime < TimeSpan.FromSeconds(5) || options.DemoPage.CounterResultDisplayTime > TimeSpan.FromMinutes(10))
            {
                failures.Add("Verifier:DemoPage:CounterResultDisplayTime must be between 00:00:05 and 00:10:00.");
            }
        }

        // A host that brings its own trust source (VerifierBuilder.UseTrustSource) is not asked for anchor files.
        if (options.TrustAnchors.Count == 0 && !services.IsService(typeof(ITrustAnchorSource)))
        {
            failures.Add("Verifier:TrustAnchors must list at least one PEM file of a credential issuer trust anchor.");
        }

        for (var i = 0; i < options.TrustAnchors.Count; i++)
        {
            if (!TrustAnchorEntry.TryParse(options.TrustAnchors[i], out var entry, out var error))
            {
                failures.Add($"Verifier:TrustAnchors:{i} {error}.");
            }
            else if (!File.Exists(entry.Path))
            {
                failures.Add($"Verifier:TrustAnchors:{i} names '{entry.Path}', which does not exist.");
            }
        }

        for (var i = 0; i < options.StatusListTlsRoots.Count; i++)
        {
            var path = options.StatusListTlsRoots[i];
            if (!File.Exists(path))
            {
                failures.Add($"Verifier:StatusListTlsRoots:{i} names '{path}', which does not exist.");
            }
            else if (!ContainsPemCertificate(path))
            {
                failures.Add($"Verifier:StatusListTlsRoots:{i} names '{path}', which holds no PEM certificate.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Verifier:DataDirectory must be set.");
        }

        if (options.RequestSigningPkcs11.IsConfigured)
        {
            ValidateTokenKey(failures, options);
        }
        else if ((options.RequestSigningCertificatePath is null) != (options.RequestSigningKeyPath is null))
        {
            failures.Add("Verifier:RequestSigningCertificatePath and Verifier:RequestSigningKeyPath must be set together.");
        }

        foreach (var (setting, path) in new[] { ("RequestSigningCertificatePath", options.RequestSigningCertificatePath), ("RequestSigningKeyPath", options.RequestSigningKeyPath), ("RequestSigningChainPath", options.RequestSigningChainPath) })
        {
            if (path is not null && !File.Exists(path))
            {
                failures.Add($"Verifier:{setting} names '{path}', which does not exist.");
            }
        }

        if (options.TransactionLifetime <= TimeSpan.Zero || options.TransactionLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("Verifier:TransactionLifetime must be between 0 and 1 hour.");
        }

        if (options.ResultRetention < TimeSpan.Zero)
        {
            failures.Add("Verifier:ResultRetention must not be negative.");
        }

        if (options.MaxRequestBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add("Verifier:MaxRequestBodyBytes must be between 1 KiB and 16 MiB.");
        }

        if (options.LiveResults.MaxStreamsPerRelyingParty is < 1 or > 10_000)
        {
            failures.Add("Verifier:LiveResults:MaxStreamsPerRelyingParty must be between 1 and 10000.");
        }

        if (options.LiveResults.StorePollInterval < TimeSpan.FromMilliseconds(200) || options.LiveResults.StorePollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add("Verifier:LiveResults:StorePollInterval must be between 00:00:00.2 and 00:01:00.");
        }

        if (options.LiveResults.HeartbeatInterval < TimeSpan.FromSeconds(1) || options.LiveResults.HeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add("Verifier:LiveResults:HeartbeatInterval must be between 00:00:01 and 00:05:00.");
        }

        failures.AddRange(options.RateLimits.Validate("Verifier:RateLimits"));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTokenKey(List<string> failures, VerifierOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.RequestSigningKeyPath))
        {
            failures.Add("Verifier:RequestSigningKeyPath must be unset: Verifier:RequestSigningPkcs11 names the key.");
        }

        if (string.IsNullOrWhiteSpace(options.RequestSigningCertificatePath))
        {
            failures.Add("Verifier:RequestSigningPkcs11 needs Verifier:RequestSigningCertificatePath, the key's certificate.");
            return;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(File.ReadAllText(options.RequestSigningCertificatePath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // A missing file is reported with the other paths.
            if (File.Exists(options.RequestSigningCertificatePath))
            {
                failures.Add($"Verifier:RequestSigningCertificatePath: '{options.RequestSigningCertificatePath}' cannot be read as a PEM certificate ({e.GetType().Name}).");
            }

            return;
        }

        using (certificate)
        {
            if (Pkcs11ECDsa.TryOpen(options.RequestSigningPkcs11, certificate, "Verifier:RequestSigningPkcs11", out var key, out var failure))
            {
                // Only checked here; RequestSigningCredentials opens its own.
                key.Dispose();
            }
            else
            {
                failures.Add(failure);
            }
        }
    }

    // Relying-party ids never contain '/', which separates the page's relying party from a browser session in owner ids.
    private static bool IsIdentifier(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool ContainsPemCertificate(string path)
    {
        try
        {
            var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            certificates.ImportFromPemFile(path);
            return certificates.Count > 0;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
