using System.Diagnostics;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Wallet.Hosting.Pkcs11;

namespace Wallet.Tests.SoftHsm;

/// <summary>
/// A SoftHSM2 of the test process: its own token directory in a temp folder (SOFTHSM2_CONF), two tokens made with
/// <c>softhsm2-util --init-token --free</c>, and P-256 key pairs generated IN the token (<c>C_GenerateKeyPair</c>,
/// sensitive and not extractable). Only the public halves come out, for certificates from a test CA.
/// </summary>
/// <remarks>
/// One per process: a PKCS#11 module is initialized once per process and reads SOFTHSM2_CONF then, and new tokens are
/// only seen at initialization, so every token and key the tests use is made here, before any host loads the module.
/// The fixture logs out when done so that the hosts' own logins check their PIN.
/// </remarks>
public sealed class SoftHsm
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string TokenLabel = "wallet-test";
    public const string Pin = "4711-test-pin";

    /// <summary>A second token the hosts never log in to, for the wrong-PIN case.</summary>
    public const string OtherTokenLabel = "wallet-other";

    /// <summary>An EC key that can leave the token (CKA_EXTRACTABLE true, CKA_SENSITIVE false): refused at start.</summary>
    public const string ExtractableKeyLabel = "extractable";

    public static readonly string[] KeyLabels =
    [
        "credential-signer-1", "document-signer-1", "status-list-signer-1",
        "credential-signer-2", "document-signer-2", "status-list-signer-2",
        "request-signer",
    ];

    private static readonly Lazy<SoftHsm> Shared = new(() => new SoftHsm(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, byte[]> _publicKeys = new(StringComparer.Ordinal);
    private readonly Pkcs11InteropFactories _factories = new();

    // Kept for the process and never disposed: C_Finalize would end the module for the hosts of this process too.
    private readonly IPkcs11Library _library;

    private SoftHsm()
    {
        if (!File.Exists(ModulePath))
        {
            throw new InvalidOperationException($"SoftHSM2 is not installed ({ModulePath} is missing): apt-get install softhsm2 (.ci/run does).");
        }

        Folder = Path.Combine(Path.GetTempPath(), "softhsm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Folder, "tokens"));
        var configuration = Path.Combine(Folder, "softhsm2.conf");
        File.WriteAllText(configuration, $"directories.tokendir = {Path.Combine(Folder, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", configuration);

        // The module reads the C environment, which Environment.SetEnvironmentVariable does not change on Unix.
        _ = SetNativeEnvironment("SOFTHSM2_CONF", configuration, 1);
        InitToken(TokenLabel, Pin);
        InitToken(OtherTokenLabel, "0000-other-pin");

        var factories = _factories;
        Pkcs11NativeLibrary.Register();
        _library = factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, ModulePath, AppType.MultiThreaded);
        var slot = _library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        session.Login(CKU.CKU_USER, Pin);
        foreach (var label in KeyLabels)
        {
            _publicKeys[label] = Generate(factories, session, label, extractable: false);
        }

        _publicKeys[ExtractableKeyLabel] = Generate(factories, session, ExtractableKeyLabel, extractable: true);
        session.Logout();
    }

    public static SoftHsm Instance => Shared.Value;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetNativeEnvironment([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string name, [System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string value, int overwrite);

    public string Folder { get; }

    /// <summary>The PKCS#11 settings of a key of the test token, the PIN read from <paramref name="pinVariable"/>.</summary>
    public static Pkcs11KeyOptions Options(string keyLabel, string pinVariable = "WALLET_TEST_HSM_PIN") => new()
    {
        ModulePath = ModulePath,
        TokenLabel = TokenLabel,
        KeyLabel = keyLabel,
        PinEnvironmentVariable = pinVariable,
    };

    /// <summary>The configuration entries of <see cref="Options"/> under <paramref name="section"/> (e.g. <c>Issuer:Keys:CredentialSigner:Pkcs11</c>).</summary>
    public static Dictionary<string, string?> Settings(string section, string keyLabel) => new()
    {
        [section + ":ModulePath"] = ModulePath,
        [section + ":TokenLabel"] = TokenLabel,
        [section + ":KeyLabel"] = keyLabel,
        [section + ":PinEnvironmentVariable"] = "WALLET_TEST_HSM_PIN",
    };

    /// <summary>Sets the PIN variable the settings name; the value is the same for every test.</summary>
    public static void ExportPin() => Environment.SetEnvironmentVariable("WALLET_TEST_HSM_PIN", Pin);

    /// <summary>The public key of a token key, read from its public key object (<c>CKA_EC_POINT</c>).</summary>
    public ECDsa PublicKey(string label) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = _publicKeys[label][1..33], Y = _publicKeys[label][33..] },
    });

    /// <summary>
    /// Issues a certificate for a token key from <paramref name="issuer"/> (a test CA with its private key): the CA signs
    /// the token's public key; the token's private key is not needed.
    /// </summary>
    public X509Certificate2 Certify(string keyLabel, X509Certificate2 issuer, string commonName, DateTimeOffset notBefore, string? extendedKeyUsage = null, string? dnsName = null)
    {
        using var publicKey = PublicKey(keyLabel);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("NO");
        subject.AddCommonName(commonName);
        var request = new CertificateRequest(subject.Build(), publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (extendedKeyUsage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsage)], true));
        }

        if (dnsName is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(dnsName);
            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return request.Create(issuer, notBefore, notBefore.AddDays(30), serial);
    }

    /// <summary>Tries to read <c>CKA_VALUE</c> (the private scalar) of a key with a session of the test's own.</summary>
    public bool CanReadPrivateValue(string label)
    {
        var factories = _factories;
        var slot = _library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label.Trim() == TokenLabel);
        using var session = slot.OpenSession(SessionType.ReadOnly);
        try
        {
            session.Login(CKU.CKU_USER, Pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // A host of this process is logged in; the login is shared. No logout afterwards, for the same reason.
        }

        var key = session.FindAllObjects([factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY), factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label)]).Single();
        var value = session.GetAttributeValue(key, [CKA.CKA_VALUE])[0];
        return !value.CannotBeRead && value.GetValueAsByteArray() is { Length: > 0 };
    }

    private static byte[] Generate(Pkcs11InteropFactories factories, ISession session, string label, bool extractable)
    {
        var attributes = factories.ObjectAttributeFactory;
        var id = RandomNumberGenerator.GetBytes(8);

        // DER OID of P-256 (1.2.840.10045.3.1.7).
        byte[] p256 = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];
        List<IObjectAttribute> publicTemplate =
        [
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, false),
            attributes.Create(CKA.CKA_LABEL, label),
            attributes.Create(CKA.CKA_ID, id),
            attributes.Create(CKA.CKA_VERIFY, true),
            attributes.Create(CKA.CKA_EC_PARAMS, p256),
        ];
        List<IObjectAttribute> privateTemplate =
        [
            attributes.Create(CKA.CKA_TOKEN, true),
            attributes.Create(CKA.CKA_PRIVATE, true),
            attributes.Create(CKA.CKA_LABEL, label),
            attributes.Create(CKA.CKA_ID, id),
            attributes.Create(CKA.CKA_SIGN, true),
            attributes.Create(CKA.CKA_SENSITIVE, !extractable),
            attributes.Create(CKA.CKA_EXTRACTABLE, extractable),
        ];
        using var mechanism = factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN);
        session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out var publicKey, out _);
        var point = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();

        // CKA_EC_POINT is the DER OCTET STRING of the uncompressed point (PKCS#11 3.0 §2.3.3); some modules give it bare.
        return point[0] == 0x04 && point.Length == 65 ? point : new AsnReader(point, AsnEncodingRules.DER).ReadOctetString();
    }

    private void InitToken(string label, string pin)
    {
        using var process = Process.Start(new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "so-" + pin])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["SOFTHSM2_CONF"] = Path.Combine(Folder, "softhsm2.conf") },
        })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"softhsm2-util --init-token failed ({process.ExitCode}): {error}");
        }
    }
}
