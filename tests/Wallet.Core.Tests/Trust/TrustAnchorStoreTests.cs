using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Trust;
using static Wallet.Core.Tests.Trust.TestPki;

namespace Wallet.Core.Tests.Trust;

public sealed class TrustAnchorStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("trust-anchors-");

    [Fact]
    public void IACA_root_PEM_of_ISO_18013_5_Annex_D_loads_as_an_anchor_tagged_with_its_level_and_name()
    {
        var store = TrustAnchorStore.FromPem(AnnexDVectors.PemText("annex-d-iaca-root.pem"), LevelOfAssurance.High, "Utopia");

        var anchor = store.Anchors.Should().ContainSingle().Subject;
        anchor.Certificate.Subject.Should().Be("C=US, CN=utopia iaca");
        anchor.LevelOfAssurance.Should().Be(LevelOfAssurance.High);
        anchor.DisplayName.Should().Be("Utopia");
        store.Find(AnnexDVectors.IacaRoot()).Should().BeSameAs(anchor);
        store.Find(AnnexDVectors.ReaderRoot()).Should().BeNull();
    }

    [Fact]
    public void PEM_with_several_certificates_and_explanatory_text_loads_each_RFC7468_2()
    {
        var pem = "IACA of Utopia\n" + AnnexDVectors.PemText("annex-d-iaca-root.pem") + "\nreader root\n" + AnnexDVectors.PemText("annex-d-reader-root.pem");

        var store = TrustAnchorStore.FromPem(pem);

        store.Anchors.Select(a => a.DisplayName).Should().Equal("C=US, CN=utopia iaca", "CN=reader root");
    }

    [Fact]
    public void Folder_of_PEM_and_DER_files_loads_every_certificate_file_in_name_order_and_ignores_other_files()
    {
        var first = Root("First Root");
        var second = Root("Second Root");
        File.WriteAllText(Path.Combine(_folder.FullName, "a.pem"), first.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(_folder.FullName, "b.der"), second.RawData);
        File.WriteAllText(Path.Combine(_folder.FullName, "README.md"), "not a certificate");

        var store = TrustAnchorStore.FromDirectory(_folder.FullName, LevelOfAssurance.Substantial);

        store.Anchors.Select(a => a.Certificate.RawData).Should().BeEquivalentTo([first.RawData, second.RawData], o => o.WithStrictOrdering());
        store.Anchors.Should().OnlyContain(a => a.LevelOfAssurance == LevelOfAssurance.Substantial);
    }

    [Fact]
    public void Files_load_and_anchor_a_validation()
    {
        var root = Root();
        var path = Path.Combine(_folder.FullName, "root.crt");
        File.WriteAllText(path, root.ExportCertificatePem());

        var store = TrustAnchorStore.FromFiles([path], LevelOfAssurance.High, "PID providers");

        var result = new X509ChainValidator(store).Validate([Issue(root, "Issuer")], CertificateUsage.SdJwtVcIssuer, Now);
        result.LevelOfAssurance.Should().Be(LevelOfAssurance.High);
        result.TrustAnchor!.DisplayName.Should().Be("PID providers");
    }

    public static TheoryData<string, string[]> UnacceptableAnchors => new()
    {
        { "Annex D document signer (end entity, not self-signed)", [TrustErrorCodes.AnchorNotCa, TrustErrorCodes.AnchorNotSelfSigned] },
        { "self-signed end entity", [TrustErrorCodes.AnchorNotCa] },
        { "self-signed CA without keyCertSign", [TrustErrorCodes.AnchorNotCa] },
        { "intermediate CA", [TrustErrorCodes.AnchorNotSelfSigned] },
    };

    [Theory]
    [MemberData(nameof(UnacceptableAnchors))]
    public void Anchor_that_is_not_a_self_signed_CA_is_rejected(string anchor, string[] codes)
    {
        var certificate = anchor switch
        {
            "Annex D document signer (end entity, not self-signed)" => AnnexDVectors.DocumentSigner(),
            "self-signed end entity" => SelfSignedLeaf(),
            "self-signed CA without keyCertSign" => SelfSignedCa(X509KeyUsageFlags.CrlSign),
            "intermediate CA" => IntermediateCa(Root()),
            _ => throw new ArgumentOutOfRangeException(nameof(anchor)),
        };

        TrustAnchorStore.TryCreate([new TrustAnchor(certificate)], out var store, out var errors).Should().BeFalse();

        store.Should().BeNull();
        errors.Select(e => e.Code).Should().Equal(codes);
        errors.Should().OnlyContain(e => e.Message.Contains(certificate.Subject, StringComparison.Ordinal));
    }

    public static TheoryData<string, string> UnreadableSources => new()
    {
        { "missing file", TrustErrorCodes.AnchorFileUnreadable },
        { "file over the size limit", TrustErrorCodes.AnchorFileTooLarge },
        { "PEM holding only a private key", TrustErrorCodes.MalformedCertificate },
        { "PEM certificate block of garbage", TrustErrorCodes.MalformedCertificate },
        { "text without PEM", TrustErrorCodes.MalformedCertificate },
        { "DER with a trailing byte", TrustErrorCodes.MalformedCertificate },
        { "more files than the limit", TrustErrorCodes.TooManyAnchors },
        { "more certificates than the limit", TrustErrorCodes.TooManyAnchors },
    };

    [Theory]
    [MemberData(nameof(UnreadableSources))]
    public void Anchor_file_that_cannot_be_used_is_reported_with_its_name(string defect, string code)
    {
        var path = Path.Combine(_folder.FullName, "anchor.pem");
        var limits = TrustAnchorStoreLimits.Default;
        string[] paths = [path];
        switch (defect)
        {
            case "missing file":
                break;
            case "file over the size limit":
                File.WriteAllText(path, Root().ExportCertificatePem());
                limits = limits with { MaxFileLength = 100 };
                break;
            case "PEM holding only a private key":
                using (var key = ECDsa.Create())
                {
                    File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
                }

                break;
            case "PEM certificate block of garbage":
                File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----\n");
                break;
            case "text without PEM":
                File.WriteAllText(path, "just text");
                break;
            case "DER with a trailing byte":
                File.WriteAllBytes(path, [.. Root().RawData, 0x00]);
                break;
            case "more files than the limit":
                File.WriteAllText(path, Root().ExportCertificatePem());
                paths = [path, path];
                limits = limits with { MaxFiles = 1 };
                break;
            case "more certificates than the limit":
                File.WriteAllText(path, Root("One").ExportCertificatePem() + "\n" + Root("Two").ExportCertificatePem());
                limits = limits with { MaxAnchors = 1 };
                break;
        }

        TrustAnchorStore.TryFromFiles(paths, null, null, out var store, out var errors, limits).Should().BeFalse();

        store.Should().BeNull();
        errors.Select(e => e.Code).Should().Equal([code], string.Join(" | ", errors));
        if (code != TrustErrorCodes.TooManyAnchors)
        {
            errors[0].Message.Should().Contain(path);
        }

        var act = () => TrustAnchorStore.FromFiles(paths, limits: limits);
        act.Should().Throw<InvalidDataException>().WithMessage($"*{code}*");
    }

    [Fact]
    public void Folder_without_certificate_files_is_an_error_not_an_empty_trust_list()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "notes.txt"), "nothing here");

        TrustAnchorStore.TryFromDirectory(_folder.FullName, null, null, out _, out var errors).Should().BeFalse();

        errors.Select(e => e.Code).Should().Equal(TrustErrorCodes.AnchorFileUnreadable);
    }

    [Fact]
    public void Missing_folder_is_reported()
    {
        TrustAnchorStore.TryFromDirectory(Path.Combine(_folder.FullName, "absent"), null, null, out _, out var errors).Should().BeFalse();

        errors.Select(e => e.Code).Should().Equal(TrustErrorCodes.AnchorFileUnreadable);
    }

    [Fact]
    public void Same_certificate_with_conflicting_levels_is_rejected_and_identical_duplicates_are_merged()
    {
        var root = Root();

        TrustAnchorStore.TryCreate([new TrustAnchor(root, LevelOfAssurance.High), new TrustAnchor(root, LevelOfAssurance.Low)], out _, out var errors)
            .Should().BeFalse();
        errors.Select(e => e.Code).Should().Equal(TrustErrorCodes.AnchorConflict);

        TrustAnchorStore.Create([new TrustAnchor(root, LevelOfAssurance.High), new TrustAnchor(root, LevelOfAssurance.High)]).Anchors.Should().ContainSingle();
    }

    [Fact]
    public void Merge_combines_stores_without_changing_either()
    {
        var first = TrustAnchorStore.FromCertificates([Root("First")]);
        var second = TrustAnchorStore.FromCertificates([Root("Second")]);

        var merged = first.Merge(second);

        merged.Anchors.Should().HaveCount(2);
        first.Anchors.Should().ContainSingle();
        second.Anchors.Should().ContainSingle();
    }

    [Fact]
    public void FromPem_with_an_end_entity_certificate_throws_naming_the_code()
    {
        var act = () => TrustAnchorStore.FromPem(AnnexDVectors.PemText("annex-d-document-signer.pem"));

        act.Should().Throw<ArgumentException>().WithMessage($"*{TrustErrorCodes.AnchorNotCa}*utopia ds*");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static X509Certificate2 SelfSignedCa(X509KeyUsageFlags usage)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CA without keyCertSign, C=XX", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        return request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(1));
    }
}
