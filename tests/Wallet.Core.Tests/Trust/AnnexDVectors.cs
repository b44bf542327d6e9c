using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Tests.Trust;

/// <summary>The ISO/IEC 18013-5 Annex D certificates copied under Vectors/mdoc (see ATTRIBUTION.md there).</summary>
internal static class AnnexDVectors
{
    public static string PemText(string file) => File.ReadAllText(PemPath(file));

    public static string PemPath(string file) => Path.Combine(AppContext.BaseDirectory, "Vectors", "mdoc", file);

    public static X509Certificate2 IacaRoot() => Load("annex-d-iaca-root.pem");

    public static X509Certificate2 DocumentSigner() => Load("annex-d-document-signer.pem");

    public static X509Certificate2 ReaderRoot() => Load("annex-d-reader-root.pem");

    public static X509Certificate2 Reader() => Load("annex-d-reader.pem");

    public static string Base64(X509Certificate2 certificate) => Convert.ToBase64String(certificate.RawData);

    private static X509Certificate2 Load(string file) => X509Certificate2.CreateFromPem(PemText(file));
}
