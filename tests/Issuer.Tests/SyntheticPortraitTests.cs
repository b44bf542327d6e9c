using System.Net;
using System.Text;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The register's generated portraits and how the PID carries them: PID Rule Book (ARF Annex 3.01) §4.1.1 — SD-JWT VC
/// <c>picture</c> is "a data URL containing the base64-encoded portrait in JPEG format"; ISO/IEC 18013-5 and the rule
/// book's mdoc table — <c>portrait</c> is a <c>bstr</c> holding the JPEG.
/// </summary>
public sealed class SyntheticPortraitTests : IssuerTestBase
{
    [Fact]
    public void Every_synthetic_person_has_a_distinct_JPEG_portrait_of_passport_proportions_ISO_IEC_10918_1()
    {
        var options = new IssuerOptions();
        var persons = SqlitePersonRegister.SeedPersons(options.IssuingAuthority, options.IssuingCountry);

        var portraits = persons.Select(p => p.Data.Portrait!.Value.ToArray()).ToList();

        foreach (var jpeg in portraits)
        {
            // ISO/IEC 10918-1 B.1.1.3: SOI = FF D8 opens, EOI = FF D9 closes a JPEG stream.
            jpeg.Take(2).Should().Equal(0xFF, 0xD8);
            jpeg.TakeLast(2).Should().Equal(0xFF, 0xD9);
            FrameSize(jpeg).Should().Be((SyntheticPortrait.Width, SyntheticPortrait.Height));
            jpeg.Length.Should().BeLessThan(16 * 1024, "a portrait adds a few kilobytes to a PID, not hundreds");
        }

        portraits.Select(Convert.ToBase64String).Should().OnlyHaveUniqueItems("each person has a face of their own");
        SyntheticPortrait.For("kari-nordmann").Should().Equal(portraits[0], "the portrait is drawn from the person identifier, the same every time");
    }

    [Fact]
    public async Task Issued_SD_JWT_VC_carries_the_portrait_as_a_JPEG_data_URL_in_picture_PID_RuleBook_4_1_1()
    {
        var wallet = await AuthorizedWalletAsync("amina-haddad", [SdJwtConfiguration]);
        var holder = SigningKey.Generate();
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(SdJwtConfiguration, [holder]))).Single();

        var result = await new CredentialVerification(Factory, Http).VerifySdJwtVcAsync(credential, holder);

        result.Errors.Should().BeEmpty();
        var picture = result.Claims!["picture"]!.GetValue<string>();
        // RFC 2397 data URL; "/9j/" is the base64 of the JPEG SOI and the first marker byte (FF D8 FF).
        picture.Should().StartWith("data:image/jpeg;base64,/9j/");
        Convert.FromBase64String(picture["data:image/jpeg;base64,".Length..]).Should().Equal(SyntheticPortrait.For("amina-haddad"));
    }

    [Fact]
    public async Task Issued_mdoc_carries_the_portrait_as_a_byte_string_ISO_18013_5_7_2_1()
    {
        var wallet = await AuthorizedWalletAsync("ola-minor", [MdocConfiguration]);
        var credential = (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync(MdocConfiguration, [SigningKey.Generate()]))).Single();

        var (result, issuerSigned) = await new CredentialVerification(Factory, Http).VerifyMdocAsync(credential);

        result.Errors.Should().BeEmpty();
        var item = issuerSigned.NameSpaces[PidMdoc.NameSpace].Single(i => i.ElementIdentifier == PidMdoc.Portrait);
        var expected = SyntheticPortrait.For("ola-minor");
        item.ElementValue.Kind.Should().Be(CborValueKind.Bytes);
        item.ElementValue.AsBytes().ToArray().Should().Equal(expected);
        // RFC 8949 §3.1: "elementValue" then major type 2 with a two-byte length (0x59, length big-endian), then the JPEG.
        var raw = item.IssuerSignedItemBytes.ToArray();
        var header = Encoding.ASCII.GetBytes("lelementValue").Concat(new byte[] { 0x59, (byte)(expected.Length >> 8), (byte)expected.Length, 0xFF, 0xD8 }).ToArray();
        IndexOf(raw, header).Should().BeGreaterThanOrEqualTo(0, "the element value is a definite-length byte string holding the JPEG as is");
    }

    // ISO/IEC 10918-1 B.2.2: a frame header (SOF0..SOF2: FF C0..C2) holds P, then Y (height) and X (width), each 16 bits.
    private static (int Width, int Height) FrameSize(byte[] jpeg)
    {
        for (var i = 2; i + 9 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF)
            {
                break;
            }

            var marker = jpeg[i + 1];
            if (marker is 0xC0 or 0xC1 or 0xC2)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            }

            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }

        return (0, 0);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
