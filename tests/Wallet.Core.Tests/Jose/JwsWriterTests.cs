using System.Security.Cryptography;
using Wallet.Core.Jose;

namespace Wallet.Core.Tests.Jose;

public class JwsWriterTests
{
    [Fact]
    public void Signing_with_a_fresh_instance_of_a_key_whose_earlier_instance_was_disposed_works()
    {
        // A key reloaded from storage (a new ECDsa instance of the same key pair) after the first instance was used
        // and disposed: a signature provider cached for the first instance must not be reused.
        byte[] pkcs8;
        using (var first = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            pkcs8 = first.ExportPkcs8PrivateKey();
            JwsWriter.Sign(new SigningKey(first), "example+jwt", """{"n":1}""");
        }

        using var reloaded = ECDsa.Create();
        reloaded.ImportPkcs8PrivateKey(pkcs8, out _);
        var token = JwsWriter.Sign(new SigningKey(reloaded), "example+jwt", """{"n":2}""");

        CompactJws.TryParse(token, JoseLimits.Default, out var jws, out _).Should().BeTrue();
        jws!.Verify(PublicJwk.FromECDsa(reloaded), JwsAlgorithmPolicy.Default, ["example+jwt"]).Should().BeEmpty();
    }
}
