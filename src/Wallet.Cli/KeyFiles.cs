using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.Json;

namespace Wallet.Cli;

/// <summary>
/// Reads and writes EC keys and certificates. A key file is either a JWK (JSON with <c>kty</c> <c>EC</c>; private when
/// it has <c>d</c>) or PEM (PKCS#8 <c>PRIVATE KEY</c>, SEC 1 <c>EC PRIVATE KEY</c>, or <c>PUBLIC KEY</c>), told apart by content.
/// </summary>
internal static class KeyFiles
{
    /// <summary>Largest key or certificate file accepted, in characters.</summary>
    public const int MaxKeyFileLength = 256 * 1024;

    private const string PrivateKeyLabel = "PRIVATE KEY";
    private const string EcPrivateKeyLabel = "EC PRIVATE KEY";
    private const string PublicKeyLabel = "PUBLIC KEY";
    private const string EncryptedPrivateKeyLabel = "ENCRYPTED PRIVATE KEY";
    private const string CertificateLabel = "CERTIFICATE";

    public enum KeyFormat
    {
        Jwk,
        Pem,
    }

    /// <summary>Reads a private key; the caller disposes it.</summary>
    public static ECDsa ReadPrivateKey(string path, CliContext context, string what)
    {
        var text = InputReader.ReadText(path, context, what, MaxKeyFileLength);
        return ParsePrivateKey(text, $"{what} '{path}'");
    }

    /// <summary>Reads the public half of a key file holding a public or a private key (JWK or PEM).</summary>
    public static PublicJwk ReadPublicKey(string path, CliContext context, string what)
    {
        var text = InputReader.ReadText(path, context, what, MaxKeyFileLength);
        return ParsePublicKey(text, $"{what} '{path}'");
    }

    /// <summary>Reads every <c>CERTIFICATE</c> block of a PEM file, in file order.</summary>
    public static IReadOnlyList<X509Certificate2> ReadCertificates(string path, CliContext context, string what)
    {
        var text = InputReader.ReadText(path, context, what, MaxKeyFileLength);
        var certificates = new List<X509Certificate2>();
        foreach (var (label, der) in PemBlocks(text))
        {
            if (label != CertificateLabel)
            {
                continue;
            }

            try
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException e)
            {
                throw new UsageException($"Certificate #{certificates.Count} in the {what} '{path}' is malformed: {e.Message}");
            }
        }

        return certificates.Count > 0 ? certificates : throw new UsageException($"The {what} '{path}' holds no PEM CERTIFICATE block.");
    }

    /// <summary>Reads a certificate PEM and attaches the private key from a key file (JWK or PEM).</summary>
    public static X509Certificate2 ReadCertificateWithKey(string certificatePath, string keyPath, CliContext context, string what)
    {
        var certificate = ReadCertificates(certificatePath, context, $"{what} certificate")[0];
        using var key = ReadPrivateKey(keyPath, context, $"{what} key");
        using (certificate)
        {
            try
            {
                return certificate.CopyWithPrivateKey(key);
            }
            catch (ArgumentException)
            {
                throw new UsageException($"The key '{keyPath}' is not the private key of the certificate '{certificatePath}' ({certificate.Subject}).");
            }
        }
    }

    public static ECDsa ParsePrivateKey(string text, string described)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.StartsWith("{"))
        {
            using var document = ParseJwk(text, described);
            return ReadJwk(document.RootElement, described, requirePrivate: true);
        }

        return ReadPem(text, described, requirePrivate: true);
    }

    public static PublicJwk ParsePublicKey(string text, string described)
    {
        if (text.AsSpan().Trim().StartsWith("{"))
        {
            using var document = ParseJwk(text, described);
            using var key = ReadJwk(document.RootElement, described, requirePrivate: false);
            return PublicJwk.FromECDsa(key);
        }

        using var pemKey = ReadPem(text, described, requirePrivate: false);
        return PublicJwk.FromECDsa(pemKey);
    }

    /// <summary>The private key as a JWK (RFC 7518 §6.2.2) with <c>kty</c>, <c>crv</c>, <c>x</c>, <c>y</c>, <c>d</c>.</summary>
    public static JsonObject ToPrivateJwk(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = PublicJwk.FromECDsa(key).ToJsonObject();
        var parameters = key.ExportParameters(includePrivateParameters: true);
        try
        {
            jwk["d"] = Base64Url.EncodeToString(parameters.D);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }

        return jwk;
    }

    public static string Format(ECDsa key, KeyFormat format) => format switch
    {
        KeyFormat.Pem => key.ExportPkcs8PrivateKeyPem() + "\n",
        _ => ToPrivateJwk(key).ToJsonString(JsonOutput.Options) + "\n",
    };

    /// <summary>Writes a private key file readable by the owner only (on Unix), so a demo key is not world-readable.</summary>
    public static void WritePrivate(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        CreateParent(path);
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, content);
            return;
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(content);
        }

        // An existing file keeps its mode on FileMode.Create; tighten it too.
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static void WritePublic(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        CreateParent(path);
        File.WriteAllText(path, content);
    }

    private static void CreateParent(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static JsonDocument ParseJwk(string text, string described)
    {
        return StrictJson.TryParse(text, 4, allowDuplicateProperties: false, out var document, out var error)
            ? document
            : throw new UsageException($"The {described} starts like a JWK but is not valid JSON: {error}");
    }

    private static ECDsa ReadJwk(JsonElement jwk, string described, bool requirePrivate)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"The {described} is not a JWK object.");
        }

        var kty = GetString(jwk, "kty");
        if (kty != "EC")
        {
            throw new UsageException($"The {described} has kty '{kty ?? "(missing)"}'; only EC keys (P-256, P-384, P-521) are supported.");
        }

        var crv = GetString(jwk, "crv");
        if (!JwsAlgorithm.TryFromCurveName(crv, out var algorithm))
        {
            throw new UsageException($"The {described} has crv '{crv ?? "(missing)"}'; only P-256, P-384 and P-521 are supported.");
        }

        var hasPrivate = jwk.TryGetProperty("d", out _);
        if (requirePrivate && !hasPrivate)
        {
            throw new UsageException($"The {described} is a public JWK; a private key (with 'd') is needed here.");
        }

        var parameters = new ECParameters
        {
            Curve = algorithm.Curve,
            Q = new ECPoint { X = Coordinate(jwk, "x", algorithm.CoordinateSize, described), Y = Coordinate(jwk, "y", algorithm.CoordinateSize, described) },
            D = hasPrivate ? Coordinate(jwk, "d", algorithm.CoordinateSize, described) : null,
        };
        try
        {
            // Import checks the point is on the curve and, with 'd', that it belongs to the private key.
            return ECDsa.Create(parameters);
        }
        catch (CryptographicException)
        {
            throw new UsageException($"The {described} is not a consistent {algorithm.CurveName} key (point not on the curve, or 'd' does not match 'x' and 'y').");
        }
        finally
        {
            if (parameters.D is not null)
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }
    }

    private static ECDsa ReadPem(string text, string described, bool requirePrivate)
    {
        var blocks = PemBlocks(text).ToList();
        if (blocks.Count == 0)
        {
            throw new UsageException($"The {described} is neither a JWK nor PEM.");
        }

        foreach (var (label, der) in blocks)
        {
            var key = ECDsa.Create();
            try
            {
                switch (label)
                {
                    case PrivateKeyLabel:
                        key.ImportPkcs8PrivateKey(der, out _);
                        return key;
                    case EcPrivateKeyLabel:
                        key.ImportECPrivateKey(der, out _);
                        return key;
                    case PublicKeyLabel when !requirePrivate:
                        key.ImportSubjectPublicKeyInfo(der, out _);
                        return key;
                    case EncryptedPrivateKeyLabel:
                        throw new UsageException($"The {described} is an encrypted private key; export it unencrypted (PKCS#8 'PRIVATE KEY') or as a JWK.");
                }
            }
            catch (CryptographicException)
            {
                key.Dispose();
                throw new UsageException($"The {described} holds a '{label}' PEM block that is not an EC key.");
            }

            key.Dispose();
        }

        var wanted = requirePrivate ? "an EC private key ('PRIVATE KEY' or 'EC PRIVATE KEY')" : "an EC key ('PRIVATE KEY', 'EC PRIVATE KEY' or 'PUBLIC KEY')";
        throw new UsageException($"The {described} holds no PEM block with {wanted}; found {string.Join(", ", blocks.Select(b => $"'{b.Label}'"))}.");
    }

    private static IEnumerable<(string Label, byte[] Der)> PemBlocks(string text)
    {
        var remaining = text.AsMemory();
        while (PemEncoding.TryFind(remaining.Span, out var fields))
        {
            var span = remaining.Span;
            var label = span[fields.Label].ToString();
            var der = Convert.FromBase64String(span[fields.Base64Data].ToString());
            remaining = remaining[fields.Location.End..];
            yield return (label, der);
        }
    }

    private static byte[] Coordinate(JsonElement jwk, string name, int size, string described)
    {
        var text = GetString(jwk, name) ?? throw new UsageException($"The {described} has no '{name}' string.");
        byte[] value;
        try
        {
            value = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            throw new UsageException($"The {described} member '{name}' is not base64url.");
        }

        return value.Length == size ? value : throw new UsageException($"The {described} member '{name}' must encode exactly {size} bytes.");
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
