using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Development;
using Wallet.Core.Storage;
using Wallet.Core.Trust;

namespace Wallet.Cli.Commands;

/// <summary>
/// <c>wallet cert ca</c> and <c>wallet cert issue</c>: development certificates from
/// <see cref="DevelopmentCertificates"/> (an IACA-style root and the signers it certifies).
/// </summary>
internal static class CertCommand
{
    public const string ProfileSdJwtVc = "sd-jwt-vc";
    public const string ProfileMdocDocumentSigner = "mdoc-ds";
    public const string ProfileStatusList = "status-list";

    private const string DevelopmentWarning = "these are DEVELOPMENT certificates with exportable, unprotected keys; never use them for real credentials.";

    // Certificates start slightly in the past so that a verifier whose clock is a little behind accepts them.
    private static readonly TimeSpan BackDate = TimeSpan.FromMinutes(5);

    public static Command Create(CliContext context) =>
        new("cert", "Create development certificates: an IACA-style root CA and signing certificates it issues.")
        {
            CreateCa(context),
            CreateIssue(context),
        };

    private static Command CreateCa(CliContext context)
    {
        var commonName = new Option<string>("--cn") { HelpName = "NAME", Description = "Subject common name.", DefaultValueFactory = _ => "Wallet Development IACA" };
        var country = new Option<string>("--country") { HelpName = "XX", Description = "Subject country (ISO 3166-1 alpha-2); XX names no real country.", DefaultValueFactory = _ => DevelopmentCertificates.DefaultCountry };
        var days = new Option<int>("--days") { HelpName = "N", Description = "Validity in days.", DefaultValueFactory = _ => (int)DevelopmentCertificates.DefaultRootValidity.TotalDays };
        var outCert = new Option<string>("--out-cert") { HelpName = "FILE", Description = "Where to write the certificate (PEM).", Required = true };
        var outKey = new Option<string>("--out-key") { HelpName = "FILE", Description = "Where to write the private key (PKCS#8 PEM).", Required = true };
        var command = new Command("ca", "Create a self-signed development root CA in the style of an ISO/IEC 18013-5 IACA.") { commonName, country, days, outCert, outKey };
        command.SetAction(parseResult =>
        {
            var countryCode = parseResult.GetValue(country)!;
            if (countryCode.Length != 2 || !countryCode.All(char.IsAsciiLetterUpper))
            {
                throw new UsageException($"--country '{countryCode}' must be two upper-case letters (ISO 3166-1 alpha-2).");
            }

            var certificatePath = parseResult.GetValue(outCert)!;
            var keyPath = parseResult.GetValue(outKey)!;
            CheckDistinct(certificatePath, keyPath);
            using var ca = DevelopmentCertificates.CreateRootCa(
                context.TimeProvider.GetUtcNow() - BackDate,
                parseResult.GetValue(commonName)!,
                countryCode,
                Validity(parseResult.GetValue(days)));
            Write(context, ca, certificatePath, keyPath, profile: "root-ca");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateIssue(CliContext context)
    {
        var caCert = new Option<string>("--ca") { HelpName = "CA.pem", Description = "The issuing CA certificate (PEM).", Required = true };
        var caKey = new Option<string>("--ca-key") { HelpName = "KEY", Description = "The issuing CA's private key (PEM or JWK).", Required = true };
        var profile = new Option<string>("--profile")
        { HelpName = "PROFILE",
            Description = "What the certificate is for: 'sd-jwt-vc' (SD-JWT VC issuer), 'mdoc-ds' (mdoc document signer, EKU 1.0.18013.5.1.2) or 'status-list' (Status List Token signer).",
            DefaultValueFactory = _ => ProfileSdJwtVc,
        };
        profile.AcceptOnlyFromAmong(ProfileSdJwtVc, ProfileMdocDocumentSigner, ProfileStatusList);
        var commonName = new Option<string?>("--cn") { HelpName = "NAME", Description = "Subject common name; a name for the profile when omitted. The country is copied from the CA." };
        var days = new Option<int>("--days") { HelpName = "N", Description = "Validity in days, cut to the CA's validity.", DefaultValueFactory = _ => (int)DevelopmentCertificates.DefaultEndEntityValidity.TotalDays };
        var outCert = new Option<string>("--out-cert") { HelpName = "FILE", Description = "Where to write the certificate (PEM).", Required = true };
        var outKey = new Option<string>("--out-key") { HelpName = "FILE", Description = "Where to write the private key (PKCS#8 PEM).", Required = true };
        var command = new Command("issue", "Issue a development signing certificate from a CA.") { caCert, caKey, profile, commonName, days, outCert, outKey };
        command.SetAction(parseResult =>
        {
            var certificatePath = parseResult.GetValue(outCert)!;
            var keyPath = parseResult.GetValue(outKey)!;
            CheckDistinct(certificatePath, keyPath);
            using var ca = KeyFiles.ReadCertificateWithKey(parseResult.GetValue(caCert)!, parseResult.GetValue(caKey)!, context, "CA");
            var selected = parseResult.GetValue(profile)!;
            using var certificate = IssueSigner(ca, selected, parseResult.GetValue(commonName), Validity(parseResult.GetValue(days)), context.TimeProvider);
            Write(context, certificate, certificatePath, keyPath, selected);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Issues a signer for <paramref name="profile"/>, its validity cut to fit inside the CA's.</summary>
    public static X509Certificate2 IssueSigner(X509Certificate2 ca, string profile, string? commonName, TimeSpan validity, TimeProvider timeProvider)
    {
        var caNotBefore = new DateTimeOffset(ca.NotBefore.ToUniversalTime());
        var caNotAfter = new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        var now = timeProvider.GetUtcNow();
        if (now >= caNotAfter)
        {
            throw new UsageException($"The CA certificate '{ca.Subject}' expired on {caNotAfter:u}.");
        }

        var notBefore = Max(now - BackDate, caNotBefore);
        if (notBefore + validity > caNotAfter)
        {
            validity = caNotAfter - notBefore;
        }

        return profile switch
        {
            ProfileMdocDocumentSigner => DevelopmentCertificates.CreateDocumentSigner(ca, notBefore, commonName ?? "Wallet Development Document Signer", validity),
            ProfileStatusList => DevelopmentCertificates.CreateStatusListSigner(ca, notBefore, commonName ?? "Wallet Development Status List Signer", validity),
            _ => DevelopmentCertificates.CreateSigner(ca, notBefore, commonName ?? "Wallet Development SD-JWT VC Issuer", validity, CertificateUsage.SdJwtVcIssuer.RequiredExtendedKeyUsage),
        };
    }

    private static void Write(CliContext context, X509Certificate2 certificate, string certificatePath, string keyPath, string profile)
    {
        context.Warn(DevelopmentWarning);
        KeyFiles.WritePublic(certificatePath, DevelopmentCertificates.ExportCertificatePem(certificate) + "\n");
        PrivateFiles.WriteAllText(keyPath, DevelopmentCertificates.ExportPrivateKeyPem(certificate) + "\n");
        var summary = Describe(certificate);
        summary["profile"] = profile;
        summary["certificateFile"] = certificatePath;
        summary["keyFile"] = keyPath;
        JsonOutput.Write(context.Stdout, summary);
    }

    public static JsonObject Describe(X509Certificate2 certificate) => new()
    {
        ["subject"] = certificate.Subject,
        ["issuer"] = certificate.Issuer,
        ["serialNumber"] = certificate.SerialNumber,
        ["notBefore"] = new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        ["notAfter"] = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()).ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)),
    };

    private static TimeSpan Validity(int days) =>
        days is > 0 and <= 36500 ? TimeSpan.FromDays(days) : throw new UsageException($"--days {days} must be between 1 and 36500.");

    private static void CheckDistinct(string certificatePath, string keyPath)
    {
        if (string.Equals(Path.GetFullPath(certificatePath), Path.GetFullPath(keyPath), StringComparison.Ordinal))
        {
            throw new UsageException("--out-cert and --out-key must be different files.");
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
