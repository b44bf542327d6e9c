using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Trust;

namespace Wallet.Issuer.Tests;

/// <summary>Production keys from configured PEM and PKCS#12 files, checked at start-up.</summary>
public sealed class ConfiguredKeysTests : IDisposable
{
    private const string Password = "p12-password";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "issuer-keys-tests", Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public ConfiguredKeysTests()
    {
        Directory.CreateDirectory(_folder);
        using var root = DevelopmentCertificates.CreateRootCa(_now.AddHours(-1), "Test Production IACA", "NO", pathLength: 1);
        using var intermediate = DevelopmentCertificates.CreateIntermediateCa(root, _now.AddHours(-1), "Test Issuing CA");
        using var credential = DevelopmentCertificates.CreateSigner(intermediate, _now.AddHours(-1), "Test PID Issuer");
        using var document = DevelopmentCertificates.CreateDocumentSigner(intermediate, _now.AddHours(-1), "Test Document Signer");
        using var status = DevelopmentCertificates.CreateStatusListSigner(root, _now.AddHours(-1), "Test Status List Signer");
        Write("root.pem", DevelopmentCertificates.ExportCertificatePem(root));

        // PEM: leaf then intermediate, key apart.
        Write("credential.pem", DevelopmentCertificates.ExportCertificatePem(credential) + "\n" + DevelopmentCertificates.ExportCertificatePem(intermediate));
        Write("credential.key.pem", DevelopmentCertificates.ExportPrivateKeyPem(credential));

        // PKCS#12: leaf with key and the intermediate, password protected.
        File.WriteAllBytes(Path.Combine(_folder, "document.p12"), new X509Certificate2Collection { document, X509CertificateLoader.LoadCertificate(intermediate.RawData) }.Export(X509ContentType.Pkcs12, Password)!);

        Write("status.pem", DevelopmentCertificates.ExportCertificatePem(status));
        Write("status.key.pem", DevelopmentCertificates.ExportPrivateKeyPem(status));

        // Faulty material for the negative cases.
        using var otherRoot = DevelopmentCertificates.CreateRootCa(_now.AddHours(-1), "Other IACA", "NO", pathLength: 0);
        using var foreign = DevelopmentCertificates.CreateSigner(otherRoot, _now.AddHours(-1), "Foreign Issuer");
        Write("foreign.pem", DevelopmentCertificates.ExportCertificatePem(foreign));
        Write("foreign.key.pem", DevelopmentCertificates.ExportPrivateKeyPem(foreign));
        using var expired = DevelopmentCertificates.CreateSigner(root, _now.AddHours(-1), "Expired Issuer", validity: TimeSpan.FromMinutes(30));
        Write("expired.pem", DevelopmentCertificates.ExportCertificatePem(expired));
        Write("expired.key.pem", DevelopmentCertificates.ExportPrivateKeyPem(expired));
        using var plainSigner = DevelopmentCertificates.CreateSigner(root, _now.AddHours(-1), "Signer Without Document Signer EKU");
        File.WriteAllBytes(Path.Combine(_folder, "no-eku.p12"), plainSigner.Export(X509ContentType.Pkcs12, Password));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private Dictionary<string, string?> Settings() => new()
    {
        ["Issuer:GenerateDevelopmentKeys"] = "false",
        ["Issuer:Keys:RootCertificatePath"] = PathOf("root.pem"),
        ["Issuer:Keys:CredentialSigner:CertificatePath"] = PathOf("credential.pem"),
        ["Issuer:Keys:CredentialSigner:PrivateKeyPath"] = PathOf("credential.key.pem"),
        ["Issuer:Keys:DocumentSigner:Pkcs12Path"] = PathOf("document.p12"),
        ["Issuer:Keys:DocumentSigner:Pkcs12Password"] = Password,
        ["Issuer:Keys:StatusListSigner:CertificatePath"] = PathOf("status.pem"),
        ["Issuer:Keys:StatusListSigner:PrivateKeyPath"] = PathOf("status.key.pem"),
    };

    [Fact]
    public async Task Credentials_are_signed_with_the_configured_pem_and_pkcs12_keys_and_verify_to_the_configured_root()
    {
        using var factory = new IssuerFactory(settings: Settings());
        using var http = factory.CreateClient();
        using var api = factory.CreateApiClient();
        var offer = System.Text.Json.Nodes.JsonNode.Parse(await (await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/offers", new { personId = "kari-nordmann" })).Content.ReadAsStringAsync())!;
        var wallet = new TestWallet(http, factory.Clock);
        await wallet.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var sdJwtHolder = SigningKey.Generate();

        var sdJwt = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync("eu.europa.ec.eudi.pid_vc_sd_jwt", [sdJwtHolder]))).Single();
        var mdoc = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync("eu.europa.ec.eudi.pid_mso_mdoc", [SigningKey.Generate()]))).Single();

        var verification = new CredentialVerification(factory, http);
        (await verification.VerifySdJwtVcAsync(sdJwt, sdJwtHolder)).Errors.Should().BeEmpty();
        var (mdocResult, issuerSigned) = await verification.VerifyMdocAsync(mdoc);
        mdocResult.Errors.Should().BeEmpty();
        issuerSigned.ToJsonNameSpaces()[PidMdoc.NameSpace]!["family_name"]!.GetValue<string>().Should().Be("Nordmann");
        Directory.Exists(Path.Combine(factory.DataDirectory, "keys")).Should().BeFalse("no key is generated when key files are configured");
    }

    public static TheoryData<string, string, string?, string> Faults => new()
    {
        { "missing root", "Issuer:Keys:RootCertificatePath", "/nonexistent/root.pem", "Issuer:Keys:RootCertificatePath" },
        { "root is not a CA", "Issuer:Keys:RootCertificatePath", "status.pem", "Issuer:Keys:RootCertificatePath: the certificate is not a CA" },
        { "key of another certificate", "Issuer:Keys:CredentialSigner:PrivateKeyPath", "status.key.pem", "Issuer:Keys:CredentialSigner:CertificatePath/PrivateKeyPath" },
        { "wrong PKCS#12 password", "Issuer:Keys:DocumentSigner:Pkcs12Password", "wrong", "Issuer:Keys:DocumentSigner:Pkcs12Path" },
        { "document signer without EKU", "Issuer:Keys:DocumentSigner:Pkcs12Path", "no-eku.p12", "Issuer:Keys:DocumentSigner: the certificate 'C=NO, CN=Signer Without Document Signer EKU' lacks the extended key usage" },
        { "chain to another root", "Issuer:Keys:StatusListSigner:CertificatePath", "foreign.pem", "Issuer:Keys:StatusListSigner" },
        { "expired certificate", "Issuer:Keys:StatusListSigner:CertificatePath", "expired.pem", "is not valid now" },
        { "both PEM and PKCS#12", "Issuer:Keys:CredentialSigner:Pkcs12Path", "document.p12", "Issuer:Keys:CredentialSigner must give either Pkcs12Path, or CertificatePath with PrivateKeyPath" },
        { "generation as well", "Issuer:GenerateDevelopmentKeys", "true", "Issuer:GenerateDevelopmentKeys must be false" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Faulty_key_configuration_fails_at_start_naming_the_setting(string fault, string key, string? value, string named)
    {
        var settings = Settings();
        settings[key] = value is not null && !value.StartsWith('/') && value.Contains('.', StringComparison.Ordinal) ? PathOf(value) : value;
        if (fault == "chain to another root")
        {
            settings["Issuer:Keys:StatusListSigner:PrivateKeyPath"] = PathOf("foreign.key.pem");
        }

        if (fault == "expired certificate")
        {
            settings["Issuer:Keys:StatusListSigner:PrivateKeyPath"] = PathOf("expired.key.pem");
        }

        using var factory = new IssuerFactory(settings: settings);

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>(fault).Which.Message.Should().Contain(named);
    }
}
