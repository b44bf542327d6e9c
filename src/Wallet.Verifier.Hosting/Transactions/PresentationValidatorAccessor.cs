using Microsoft.Extensions.Options;
using Wallet.Core.Mdoc;
using Wallet.Core.SdJwtVc;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;
using Wallet.Verifier.Options;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Transactions;

/// <summary>Builds the credential verifiers once from the configured trust anchors and the status list client.</summary>
internal sealed class PresentationValidatorAccessor
{
    public const string StatusListHttpClient = "Wallet.Verifier.StatusList";

    public PresentationValidatorAccessor(IOptions<VerifierOptions> options, IHttpClientFactory httpClients, TimeProvider time)
    {
        var settings = options.Value;
        var anchors = TrustAnchorStore.Empty;
        foreach (var value in settings.TrustAnchors)
        {
            // Validated at start by VerifierOptionsValidator.
            var entry = TrustAnchorEntry.TryParse(value, out var parsed, out var error) ? parsed : throw new InvalidOperationException(error);
            anchors = anchors.Merge(TrustAnchorStore.FromFiles([entry.Path], entry.LevelOfAssurance));
        }

        ChainValidator = new X509ChainValidator(anchors);
        var statusChecker = new HttpTokenStatusChecker(
            httpClients.CreateClient(StatusListHttpClient),
            new StatusListTokenVerifier(ChainValidator, new StatusListTokenVerifierOptions(), time),
            time,
            new HttpTokenStatusCheckerOptions { AllowHttpForLoopback = settings.AllowHttpStatusListOnLoopback });
        var sdJwtVc = new SdJwtVcVerifier(new SdJwtVcVerifierOptions { TrustValidator = ChainValidator, StatusChecker = statusChecker, TimeProvider = time });
        var mdoc = new MdocVerifier(new MdocVerifierOptions { ChainValidator = ChainValidator, StatusChecker = statusChecker, TimeProvider = time });
        Validator = new PresentationValidator(sdJwtVc, mdoc);
    }

    public X509ChainValidator ChainValidator { get; }

    public IPresentationValidator Validator { get; }
}
