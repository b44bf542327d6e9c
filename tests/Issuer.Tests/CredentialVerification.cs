using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Claims;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Tests;

/// <summary>Verifies issued credentials with Wallet.Core only, trusting nothing but the issuer's IACA (generated or configured).</summary>
public sealed class CredentialVerification(IssuerFactory factory, HttpClient http)
{
    public X509ChainValidator ChainValidator { get; } = new(TrustAnchorStore.FromPem(DevelopmentCertificates.ExportCertificatePem(factory.Services.GetRequiredService<IIssuerKeys>().RootCertificate), LevelOfAssurance.High, "issuer IACA"));

    public ITokenStatusChecker StatusChecker => new HttpTokenStatusChecker(http, new StatusListTokenVerifier(ChainValidator, new StatusListTokenVerifierOptions(), factory.Clock), factory.Clock);

    /// <summary>Presents <paramref name="credential"/> with every claim disclosed and a KB-JWT, then verifies it.</summary>
    public async Task<SdJwtVcVerificationResult> VerifySdJwtVcAsync(string credential, SigningKey holderKey)
    {
        SdJwt.TryParse(credential, SdJwtLimits.Default, out var issued, out var error).Should().BeTrue(error?.ToString());
        var presentation = SdJwtHolder.Present(issued!, SdJwtHolder.GetDisclosablePaths(issued!), new KeyBindingOptions(holderKey, "https://verifier.test", "n-1", factory.Clock.GetUtcNow()));
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            TrustValidator = ChainValidator,
            StatusChecker = StatusChecker,
            AcceptedVcts = [PidSdJwtVc.Vct],
            MinimumLevelOfAssurance = LevelOfAssurance.High,
            TimeProvider = factory.Clock,
        });
        return await verifier.VerifyAsync(presentation, new KeyBindingExpectation("https://verifier.test", "n-1"));
    }

    public async Task<(MdocDocumentResult Result, IssuerSigned IssuerSigned)> VerifyMdocAsync(string credential)
    {
        IssuerSigned.TryParseBase64Url(credential, out var issuerSigned, out var error).Should().BeTrue(error?.ToString());
        var verifier = new MdocVerifier(new MdocVerifierOptions { ChainValidator = ChainValidator, TimeProvider = factory.Clock, StatusChecker = StatusChecker });
        return (await verifier.VerifyIssuerSignedAsync(issuerSigned!), issuerSigned!);
    }

    public static IReadOnlyList<ClaimPath> All(SdJwt issued) => SdJwtHolder.GetDisclosablePaths(issued);
}
