namespace Wallet.Core.Tests.Mutation;

/// <summary>
/// A JSON document inside an artifact that the test can seal again after changing it (sign with the legitimate
/// key, or encrypt to the legitimate recipient), so that the change gets past the signature or the tag.
/// </summary>
/// <param name="Name">Which part, e.g. "payload".</param>
/// <param name="Json">The part's bytes in the valid artifact.</param>
/// <param name="Seal">Builds the complete artifact around a changed part.</param>
internal sealed record SealedJson(string Name, byte[] Json, Func<byte[], byte[]> Seal);
