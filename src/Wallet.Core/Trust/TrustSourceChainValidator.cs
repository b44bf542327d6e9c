using System.Security.Cryptography.X509Certificates;

namespace Wallet.Core.Trust;

/// <summary>
/// An <see cref="X509ChainValidator"/> over the anchors an <see cref="ITrustAnchorSource"/> has in force at each
/// validation. The validator (and its success cache) is rebuilt only when the source hands out a different store, so a
/// refreshed list takes effect at the next validation and a cached success never outlives the anchors it was made with.
/// </summary>
internal sealed class TrustSourceChainValidator(ITrustAnchorSource source, X509ChainValidatorOptions options) : ICertificateChainValidator
{
    private X509ChainValidator? _current;

    public CertificateChainValidationResult Validate(IReadOnlyList<X509Certificate2> chain, CertificateUsage usage, DateTimeOffset validationTime) =>
        Current().Validate(chain, usage, validationTime);

    private X509ChainValidator Current()
    {
        // A source that returns null is a bug of the host, not a property of the chain: fail loudly, never trust.
        var anchors = source.GetAnchors()
            ?? throw new InvalidOperationException($"The trust anchor source {source.GetType().FullName} returned no anchors; return TrustAnchorStore.Empty to trust nothing.");
        var current = Volatile.Read(ref _current);
        if (current is null || !ReferenceEquals(current.Anchors, anchors))
        {
            current = new X509ChainValidator(anchors, options);
            Volatile.Write(ref _current, current);
        }

        return current;
    }
}
