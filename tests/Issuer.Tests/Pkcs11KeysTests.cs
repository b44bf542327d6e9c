using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Wallet.Core.Credentials;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.Trust;
using Wallet.Hosting.Pkcs11;
using Wallet.Issuer.Signing;
using Wallet.Tests.SoftHsm;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Issue 12: every issuer key in a PKCS#11 token (SoftHSM2 here), configured under <c>Issuer:Keys:…:Pkcs11</c>, checked
/// at start-up like key files, and rotated without breaking what the old keys signed.
/// </summary>
public sealed class Pkcs11KeysTests : IDisposable
{
    private const string Sd = "eu.europa.ec.eudi.pid_vc_sd_jwt";
    private const string Mdoc = "eu.europa.ec.eudi.pid_mso_mdoc";
    private readonly SoftHsm _hsm = SoftHsm.Instance;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "issuer-pkcs11-tests", Guid.NewGuid().ToString("N"));
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public Pkcs11KeysTests()
    {
        SoftHsm.ExportPin();
        Directory.CreateDirectory(_folder);
        using var root = DevelopmentCertificates.CreateRootCa(_now.AddHours(-1), "Test HSM IACA", "NO", pathLength: 0);
        Write("root.pem", root);
        foreach (var generation in new[] { 1, 2 })
        {
            Write($"credential-{generation}.pem", _hsm.Certify($"credential-signer-{generation}", root, $"HSM PID Issuer {generation}", _now.AddHours(-1)));
            Write($"document-{generation}.pem", _hsm.Certify($"document-signer-{generation}", root, $"HSM Document Signer {generation}", _now.AddHours(-1), CertificateUsage.MdocDocumentSigner.RequiredExtendedKeyUsage));
            Write($"status-{generation}.pem", _hsm.Certify($"status-list-signer-{generation}", root, $"HSM Status List Signer {generation}", _now.AddHours(-1)));
        }

        Write("extractable.pem", _hsm.Certify(SoftHsm.ExtractableKeyLabel, root, "Extractable", _now.AddHours(-1)));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private void Write(string name, X509Certificate2 certificate) => File.WriteAllText(PathOf(name), DevelopmentCertificates.ExportCertificatePem(certificate));

    private string PathOf(string name) => Path.Combine(_folder, name);

    /// <summary>The three signers of <paramref name="generation"/> in the token, their certificates in files.</summary>
    private Dictionary<string, string?> Settings(int generation = 1)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Issuer:GenerateDevelopmentKeys"] = "false",
            ["Issuer:Keys:RootCertificatePath"] = PathOf("root.pem"),
            ["Issuer:Keys:CredentialSigner:CertificatePath"] = PathOf($"credential-{generation}.pem"),
            ["Issuer:Keys:DocumentSigner:CertificatePath"] = PathOf($"document-{generation}.pem"),
            ["Issuer:Keys:StatusListSigner:CertificatePath"] = PathOf($"status-{generation}.pem"),
        };
        foreach (var (name, label) in new[] { ("CredentialSigner", "credential-signer"), ("DocumentSigner", "document-signer"), ("StatusListSigner", "status-list-signer") })
        {
            foreach (var (key, value) in SoftHsm.Settings($"Issuer:Keys:{name}:Pkcs11", $"{label}-{generation}"))
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    private static async Task<(string CredentialId, string SdJwt, SigningKey Holder, string Mdoc)> IssueBothAsync(IssuerFactory factory, HttpClient http, string personId)
    {
        using var api = factory.CreateApiClient();
        var offer = JsonNode.Parse(await (await api.PostAsJsonAsync("/api/offers", new { personId })).Content.ReadAsStringAsync())!;
        var wallet = new TestWallet(http, factory.Clock);
        await wallet.ResolveOfferAsync(offer["offerUri"]!.GetValue<string>());
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var holder = SigningKey.Generate();
        var sdJwt = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(Sd, [holder]))).Single();
        var mdoc = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(Mdoc, [SigningKey.Generate()]))).Single();
        var listing = JsonNode.Parse(await api.GetStringAsync($"/api/persons/{personId}/credentials"))!.AsArray();
        var sdJwtId = listing.Single(c => c!["credentialConfigurationId"]?.GetValue<string>() == Sd)!["credentialId"]!.GetValue<string>();
        return (sdJwtId, sdJwt, holder, mdoc);
    }

    private static string X5cLeaf(string sdJwt) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(sdJwt.Split('~')[0].Split('.')[0]))!["x5c"]![0]!.GetValue<string>();

    [Fact]
    public async Task Both_pid_formats_and_the_status_list_are_signed_in_the_token_and_verify_to_the_root()
    {
        using var factory = new IssuerFactory(settings: Settings());
        using var http = factory.CreateClient();

        var (_, sdJwt, holder, mdoc) = await IssueBothAsync(factory, http, "kari-nordmann");

        var verification = new CredentialVerification(factory, http);
        var sdJwtResult = await verification.VerifySdJwtVcAsync(sdJwt, holder);
        sdJwtResult.Errors.Should().BeEmpty();
        sdJwtResult.Status.Should().Be(CredentialStatus.Valid, "the status list token is signed in the token and verified");
        var (mdocResult, _) = await verification.VerifyMdocAsync(mdoc);
        mdocResult.Errors.Should().BeEmpty();
        mdocResult.Status.Should().Be(CredentialStatus.Valid);
        X5cLeaf(sdJwt).Should().Be(Convert.ToBase64String(X509Certificate2.CreateFromPem(File.ReadAllText(PathOf("credential-1.pem"))).RawData));

        var keys = factory.Services.GetRequiredService<IIssuerKeys>();
        foreach (var signer in new[] { keys.CredentialSigner, keys.DocumentSigner, keys.StatusListSigner })
        {
            signer.Key.Should().BeOfType<Pkcs11ECDsa>();
        }

        Directory.Exists(Path.Combine(factory.DataDirectory, "keys")).Should().BeFalse("no key is generated or written when the keys are in a token");
        (await http.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "the readiness probe signs through the token");
    }

    [Fact]
    public void The_private_key_is_not_extractable_from_the_token_nor_from_the_process()
    {
        using var factory = new IssuerFactory(settings: Settings());
        using var http = factory.CreateClient();
        var key = factory.Services.GetRequiredService<IIssuerKeys>().CredentialSigner.Key;

        var export = () => key.ExportParameters(includePrivateParameters: true);
        var pkcs8 = () => key.ExportPkcs8PrivateKey();

        export.Should().Throw<CryptographicException>();
        pkcs8.Should().Throw<CryptographicException>();
        key.ExportParameters(false).Q.X.Should().NotBeNull("the public half is there");
        _hsm.CanReadPrivateValue("credential-signer-1").Should().BeFalse("CKA_SENSITIVE keys do not reveal CKA_VALUE");
    }

    public static TheoryData<string, string, string?, string> Faults => new()
    {
        { "wrong PIN", "Issuer:Keys:CredentialSigner:Pkcs11:TokenLabel", SoftHsm.OtherTokenLabel, "Issuer:Keys:CredentialSigner:Pkcs11:PinEnvironmentVariable: the PIN is not accepted by token 'wallet-other'" },
        { "missing key label", "Issuer:Keys:DocumentSigner:Pkcs11:KeyLabel", "no-such-key", "Issuer:Keys:DocumentSigner:Pkcs11:KeyLabel: token 'wallet-test' holds no private key labelled 'no-such-key'" },
        { "wrong token label", "Issuer:Keys:StatusListSigner:Pkcs11:TokenLabel", "no-such-token", "Issuer:Keys:StatusListSigner:Pkcs11:TokenLabel: no token labelled 'no-such-token'" },
        { "extractable key", "Issuer:Keys:StatusListSigner:Pkcs11:KeyLabel", SoftHsm.ExtractableKeyLabel, "Issuer:Keys:StatusListSigner:Pkcs11:KeyLabel: the key 'extractable' can leave the token" },
        { "key of another certificate", "Issuer:Keys:CredentialSigner:Pkcs11:KeyLabel", "status-list-signer-1", "Issuer:Keys:CredentialSigner:Pkcs11:KeyLabel: the key 'status-list-signer-1' is not the key of the certificate" },
        { "PIN variable not set", "Issuer:Keys:CredentialSigner:Pkcs11:PinEnvironmentVariable", "WALLET_TEST_HSM_PIN_UNSET", "Issuer:Keys:CredentialSigner:Pkcs11:PinEnvironmentVariable: the environment variable 'WALLET_TEST_HSM_PIN_UNSET' is not set" },
        { "PIN file missing", "Issuer:Keys:CredentialSigner:Pkcs11:PinFile", "/nonexistent/pin", "Issuer:Keys:CredentialSigner:Pkcs11:PinFile: '/nonexistent/pin' cannot be read" },
        { "two PIN sources", "Issuer:Keys:CredentialSigner:Pkcs11:PinFile", "/etc/hostname", "Issuer:Keys:CredentialSigner:Pkcs11 must give either PinEnvironmentVariable or PinFile" },
        { "module missing", "Issuer:Keys:CredentialSigner:Pkcs11:ModulePath", "/nonexistent/libpkcs11.so", "Issuer:Keys:CredentialSigner:Pkcs11:ModulePath: '/nonexistent/libpkcs11.so' cannot be loaded" },
        { "private key file as well", "Issuer:Keys:CredentialSigner:PrivateKeyPath", "/nonexistent/key.pem", "Issuer:Keys:CredentialSigner:Pkcs11 takes the certificate from Issuer:Keys:CredentialSigner:CertificatePath" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Faulty_token_configuration_fails_at_start_naming_the_setting(string fault, string key, string? value, string named)
    {
        var settings = Settings();
        settings[key] = value;
        if (fault == "wrong PIN")
        {
            Environment.SetEnvironmentVariable("WALLET_TEST_HSM_WRONG_PIN", "1111-wrong");
            settings["Issuer:Keys:CredentialSigner:Pkcs11:PinEnvironmentVariable"] = "WALLET_TEST_HSM_WRONG_PIN";
        }

        if (fault == "PIN file missing")
        {
            settings["Issuer:Keys:CredentialSigner:Pkcs11:PinEnvironmentVariable"] = null;
        }

        if (fault == "extractable key")
        {
            settings["Issuer:Keys:StatusListSigner:CertificatePath"] = PathOf("extractable.pem");
        }

        using var factory = new IssuerFactory(settings: settings);

        var start = () => factory.CreateClient();

        var message = start.Should().Throw<OptionsValidationException>(fault).Which.Message;
        message.Should().Contain(named);
        message.Should().NotContain(SoftHsm.Pin, "the PIN is never in a message");
    }

    [Fact]
    public async Task Rotated_signers_keep_what_the_old_ones_signed_verifying_with_its_status_TokenStatusList_11_3_HAIP_6_1()
    {
        var data = Path.Combine(_folder, "data");
        string oldId, oldSdJwt, oldMdoc;
        SigningKey oldHolder;
        using (var before = new IssuerFactory(dataDirectory: data, settings: Settings(generation: 1)))
        using (var http = before.CreateClient())
        {
            (oldId, oldSdJwt, oldHolder, oldMdoc) = await IssueBothAsync(before, http, "kari-nordmann");
        }

        // Rotation: the new key pairs (already in the token) with new certificates under the same IACA, then a restart.
        using var after = new IssuerFactory(dataDirectory: data, settings: Settings(generation: 2));
        using var client = after.CreateClient();
        using var api = after.CreateApiClient();
        (await api.PostAsync($"/api/credentials/{oldId}/revoke", null)).StatusCode.Should().Be(HttpStatusCode.NoContent, "credentials of the old keys stay manageable");
        var (_, newSdJwt, newHolder, newMdoc) = await IssueBothAsync(after, client, "amina-haddad");

        var verification = new CredentialVerification(after, client);
        X5cLeaf(oldSdJwt).Should().NotBe(X5cLeaf(newSdJwt), "the new credentials carry the new signer's certificate");
        var oldResult = await verification.VerifySdJwtVcAsync(oldSdJwt, oldHolder);
        oldResult.Status.Should().Be(CredentialStatus.Revoked, "its status comes from a status list signed by the new status list key");
        oldResult.Errors.Select(e => e.Code).Should().Equal([Wallet.Core.SdJwtVc.SdJwtVcErrorCodes.Revoked]);
        var (oldMdocResult, _) = await verification.VerifyMdocAsync(oldMdoc);
        oldMdocResult.Errors.Should().BeEmpty();
        oldMdocResult.Status.Should().Be(CredentialStatus.Valid);
        var newResult = await verification.VerifySdJwtVcAsync(newSdJwt, newHolder);
        newResult.Errors.Should().BeEmpty();
        newResult.Status.Should().Be(CredentialStatus.Valid);
        var (newMdocResult, _) = await verification.VerifyMdocAsync(newMdoc);
        newMdocResult.Errors.Should().BeEmpty();

        var statusUri = JsonNode.Parse(Base64Url.DecodeFromChars(oldSdJwt.Split('~')[0].Split('.')[1]))!["status"]!["status_list"]!["uri"]!.GetValue<string>();
        var statusToken = await client.GetStringAsync(statusUri);
        JsonNode.Parse(Base64Url.DecodeFromChars(statusToken.Split('.')[0]))!["x5c"]![0]!.GetValue<string>()
            .Should().Be(Convert.ToBase64String(X509Certificate2.CreateFromPem(File.ReadAllText(PathOf("status-2.pem"))).RawData));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_host_brings_token_keys_of_its_own_through_UseSigningKeys()
    {
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(PathOf("root.pem")));
        SigningKey Open(string certificate, string label, string keyId)
        {
            var leaf = X509Certificate2.CreateFromPem(File.ReadAllText(PathOf(certificate)));
            Pkcs11ECDsa.TryOpen(SoftHsm.Options(label), leaf, "Host:" + label, out var key, out var failure).Should().BeTrue(failure);
            return new SigningKey(key!, keyId, [leaf]);
        }

        var keys = new HostTokenKeys(root, Open("credential-2.pem", "credential-signer-2", "c2"), Open("document-2.pem", "document-signer-2", "d2"), Open("status-2.pem", "status-list-signer-2", "s2"));
        using var factory = new IssuerFactory(
            settings: new Dictionary<string, string?> { ["Issuer:GenerateDevelopmentKeys"] = "false" },
            services: services => services.AddPidIssuer().UseSigningKeys(keys));
        using var http = factory.CreateClient();

        var (_, sdJwt, holder, mdoc) = await IssueBothAsync(factory, http, "kari-nordmann");

        var verification = new CredentialVerification(factory, http);
        (await verification.VerifySdJwtVcAsync(sdJwt, holder)).Status.Should().Be(CredentialStatus.Valid);
        (await verification.VerifyMdocAsync(mdoc)).Result.Errors.Should().BeEmpty();
        factory.Services.GetRequiredService<IIssuerKeys>().Should().BeSameAs(keys);
    }

    private sealed record HostTokenKeys(X509Certificate2 RootCertificate, SigningKey CredentialSigner, SigningKey DocumentSigner, SigningKey StatusListSigner) : IIssuerKeys;
}
