using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Wallet.Core.Development;

namespace Wallet.Benchmarks;

/// <summary>
/// Every way the platform offers to turn a received P-256 public key into something that verifies, next to one raw
/// ES256 verification with a key already imported (issue 17: a holder key seen for the first time must be imported).
/// Each import is followed by nothing: the figure is the import alone, including the point validation the platform
/// does on the way.
/// </summary>
[MemoryDiagnoser]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class KeyImportBenchmarks
{
    private ECParameters _parameters;
    private byte[] _spki = null!;
    private X509Certificate2 _certificate = null!;
    private ECDsa _rawKey = null!;
    private byte[] _data = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _parameters = key.ExportParameters(includePrivateParameters: false);
        _spki = key.ExportSubjectPublicKeyInfo();
        var now = DateTimeOffset.UtcNow;
        var root = DevelopmentCertificates.CreateRootCa(now.AddDays(-1));
        _certificate = DevelopmentCertificates.CreateSigner(root, now.AddDays(-1));
        _data = new byte[512];
        Random.Shared.NextBytes(_data);
        _signature = key.SignData(_data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        _rawKey = ECDsa.Create(_parameters);
        using var viaOpenSsl = OpenSslDecode();
        if (!viaOpenSsl.VerifyData(_data, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            throw new InvalidOperationException("The key decoded by OpenSSL does not verify.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool RawEs256Verify() =>
        _rawKey.VerifyData(_data, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    [Benchmark]
    public int EcdsaCreateFromParameters()
    {
        using var key = ECDsa.Create(_parameters);
        return key.KeySize;
    }

    [Benchmark]
    public int EcdsaImportParameters()
    {
        using var key = ECDsa.Create();
        key.ImportParameters(_parameters);
        return key.KeySize;
    }

    [Benchmark]
    public int EcdsaImportSubjectPublicKeyInfo()
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_spki, out _);
        return key.KeySize;
    }

    [Benchmark]
    public int PublicKeyClassGetECDsaPublicKey()
    {
        using var key = PublicKey.CreateFromSubjectPublicKeyInfo(_spki, out _).GetECDsaPublicKey()!;
        return key.KeySize;
    }

    [Benchmark]
    public int EcdhCreateFromParameters()
    {
        using var key = ECDiffieHellman.Create(_parameters);
        return key.KeySize;
    }

    [Benchmark]
    public int EcdsaOpenSslFromParameters()
    {
        using var key = new ECDsaOpenSsl();
        key.ImportParameters(_parameters);
        return key.KeySize;
    }

    [Benchmark]
    public int X509GetECDsaPublicKey()
    {
        using var key = _certificate.GetECDsaPublicKey()!;
        return key.KeySize;
    }

    [Benchmark]
    public int X509LoadAndGetECDsaPublicKey()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(_certificate.RawData);
        using var key = certificate.GetECDsaPublicKey()!;
        return key.KeySize;
    }

    [Benchmark]
    public int OpenSslD2iPubkey()
    {
        using var key = OpenSslDecode();
        return key.KeySize;
    }

    [Benchmark]
    public bool OpenSslD2iPubkeyAndVerify()
    {
        using var key = OpenSslDecode();
        return key.VerifyData(_data, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Benchmark]
    public bool ImportParametersAndVerify()
    {
        using var key = ECDsa.Create(_parameters);
        return key.VerifyData(_data, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Benchmark]
    public bool ImportSubjectPublicKeyInfoAndVerify()
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(_spki, out _);
        return key.VerifyData(_data, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    [Benchmark]
    public bool PublicKeyClassAndVerify()
    {
        using var key = PublicKey.CreateFromSubjectPublicKeyInfo(_spki, out _).GetECDsaPublicKey()!;
        return key.VerifyData(_data, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private unsafe ECDsaOpenSsl OpenSslDecode()
    {
        fixed (byte* p = _spki)
        {
            var cursor = (nint)p;
            var pkey = D2iPubkey(0, ref cursor, _spki.Length);
            if (pkey == 0)
            {
                throw new CryptographicException("d2i_PUBKEY failed.");
            }

            using var handle = new SafeEvpPKeyHandle(pkey, ownsHandle: true);
            return new ECDsaOpenSsl(handle);
        }
    }

    [DllImport("libcrypto.so.3", EntryPoint = "d2i_PUBKEY")]
    private static extern nint D2iPubkey(nint a, ref nint pp, long length);
}
