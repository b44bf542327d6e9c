using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Storage;
using Wallet.Issuer.Options;

namespace Wallet.Issuer.Signing;

/// <summary>
/// Request decryption keys as PKCS#8 PEM files <c>{kid}.key.pem</c> in <c>{DataDirectory}/request-encryption-keys</c>.
/// When the folder holds none, one P-256 key is generated (it needs no certificate, so this is safe in any deployment).
/// Every key in the folder is published and accepted, newest file first: to rotate, add a new key file, restart, and
/// delete the old file once Wallets have had time to fetch the metadata again.
/// </summary>
internal sealed class FileSystemRequestDecryptionKeys : ICredentialRequestDecryptionKeys, IDisposable
{
    private const string Suffix = ".key.pem";
    private const string PemLabel = "PRIVATE KEY";
    private static readonly Lock GenerationLock = new();

    public FileSystemRequestDecryptionKeys(IOptions<IssuerOptions> options)
    {
        var folder = Folder(options.Value.DataDirectory);
        lock (GenerationLock)
        {
            if (!Directory.Exists(folder) || Directory.GetFiles(folder, "*" + Suffix).Length == 0)
            {
                PrivateFiles.CreateDirectory(folder);
                using var generated = CredentialRequestDecryptionKey.Generate();
                PrivateFiles.WriteAllText(Path.Combine(folder, generated.KeyId + Suffix), PemEncoding.WriteString(PemLabel, generated.ExportPkcs8()));
            }
        }

        Keys = [.. new DirectoryInfo(folder).GetFiles("*" + Suffix)
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(Load)];
    }

    public IReadOnlyList<CredentialRequestDecryptionKey> Keys { get; }

    public static string Folder(string dataDirectory) => Path.Combine(dataDirectory, "request-encryption-keys");

    public void Dispose()
    {
        foreach (var key in Keys)
        {
            key.Dispose();
        }
    }

    private static CredentialRequestDecryptionKey Load(FileInfo file)
    {
        var kid = file.Name[..^Suffix.Length];
        var pem = File.ReadAllText(file.FullName);
        var fields = PemEncoding.Find(pem);
        if (kid.Length == 0 || !pem[fields.Label].SequenceEqual(PemLabel))
        {
            throw new InvalidOperationException($"The request encryption key file '{file.Name}' must be named '{{kid}}{Suffix}' and hold a PKCS#8 '{PemLabel}'.");
        }

        try
        {
            return CredentialRequestDecryptionKey.FromPkcs8(Convert.FromBase64String(pem[fields.Base64Data].ToString()), kid);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"The request encryption key file '{file.Name}' does not hold a P-256 private key.", e);
        }
    }
}
