using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;

namespace Wallet.Cli.Commands;

/// <summary>The mdoc half of <c>wallet present</c>: chosen elements, signed by the device key for one SessionTranscript.</summary>
internal static class MdocPresentation
{
    private const int MaxElementsListed = 50;

    public static DeviceResponse Present(CredentialInput input, string? holderKeyPath, string[] disclose, SessionTranscript? transcript, CliContext context)
    {
        var structure = input.ParseMdoc();
        if (structure.DeviceResponse is not null)
        {
            throw new UsageException($"'{input.Path}' is already a DeviceResponse (a presentation); present the mdoc as issued (IssuerSigned).");
        }

        var issued = structure.IssuerSigned ?? throw new UsageException($"'{input.Path}' is not an mdoc: {structure.Error!.Code}: {structure.Error.Message}");
        if (transcript is null)
        {
            throw new UsageException("An mdoc presentation is bound to its SessionTranscript: give --oid4vp CLIENT_ID,NONCE,RESPONSE_URI or --session-transcript HEX.");
        }

        if (holderKeyPath is null)
        {
            throw new UsageException("--holder-key is required to sign an mdoc presentation (deviceSignature).");
        }

        if (disclose.Length == 0)
        {
            throw new UsageException($"Name the elements to disclose with --disclose NAMESPACE/ELEMENT. Elements: {ListElements(issued)}.");
        }

        var paths = disclose.Select(text => ParsePath(text, issued)).ToList();
        using var key = KeyFiles.ReadPrivateKey(holderKeyPath, context, "holder key");
        var signingKey = new SigningKey(key);
        if (!issued.IssuerAuth.MobileSecurityObject.DeviceKey.Jwk.HasSameKey(signingKey.PublicJwk))
        {
            throw new UsageException($"The holder key '{holderKeyPath}' is not the device key in the mdoc's MSO deviceKeyInfo.");
        }

        return MdocPresenter.Present(issued, signingKey, paths, transcript);
    }

    private static ClaimPath ParsePath(string text, IssuerSigned issued)
    {
        var path = ClaimPathText.ParseMdoc(text, "--disclose");
        var nameSpace = path.Segments[0].Name!;
        var element = path.Segments[1].Name!;
        if (!issued.NameSpaces.TryGetValue(nameSpace, out var items) || !items.Any(i => string.Equals(i.ElementIdentifier, element, StringComparison.Ordinal)))
        {
            throw new UsageException($"--disclose '{text}': the mdoc has no such element. Elements: {ListElements(issued)}.");
        }

        return path;
    }

    private static string ListElements(IssuerSigned issued)
    {
        var all = issued.NameSpaces.SelectMany(ns => ns.Value.Select(i => ClaimPathText.Format(ClaimPath.Of(ns.Key, i.ElementIdentifier)))).ToList();
        var more = all.Count > MaxElementsListed ? $", and {all.Count - MaxElementsListed} more" : string.Empty;
        return all.Count == 0 ? "(none)" : string.Join(", ", all.Take(MaxElementsListed)) + more;
    }
}
