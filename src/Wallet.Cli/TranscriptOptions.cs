using System.Buffers.Text;
using System.CommandLine;
using Wallet.Core.Mdoc;

namespace Wallet.Cli;

/// <summary>
/// The options that give an mdoc presentation its SessionTranscript (ISO/IEC 18013-5 9.1.5.1): built from OpenID4VP
/// request parameters (OpenID4VP 1.0 B.2.6.1), or given as bytes, e.g. from a proximity session.
/// </summary>
internal sealed class TranscriptOptions
{
    public Option<string?> OpenId4Vp { get; } = new("--oid4vp")
    {
        HelpName = "CLIENT_ID,NONCE,RESPONSE_URI[,JWK_THUMBPRINT]",
        Description = "mdoc: the SessionTranscript of an OpenID4VP redirect flow (OpenID4VP 1.0 B.2.6.1); JWK_THUMBPRINT is the base64url SHA-256 thumbprint of the verifier's encryption key, for direct_post.jwt.",
    };

    public Option<string?> SessionTranscript { get; } = new("--session-transcript")
    {
        HelpName = "HEX",
        Description = "mdoc: the SessionTranscript in hex, either SessionTranscriptBytes (tag 24) or the bare array (ISO/IEC 18013-5 9.1.5.1).",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(OpenId4Vp);
        command.Options.Add(SessionTranscript);
    }

    public bool IsGiven(ParseResult parseResult) =>
        parseResult.GetValue(OpenId4Vp) is not null || parseResult.GetValue(SessionTranscript) is not null;

    /// <summary>The transcript the options describe, or null when neither is given.</summary>
    public SessionTranscript? Get(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var oid4vp = parseResult.GetValue(OpenId4Vp);
        var hex = parseResult.GetValue(SessionTranscript);
        if (oid4vp is not null && hex is not null)
        {
            throw new UsageException("Give either --oid4vp or --session-transcript, not both.");
        }

        return oid4vp is not null ? FromOpenId4Vp(oid4vp) : hex is not null ? FromHex(hex) : null;
    }

    private static SessionTranscript FromOpenId4Vp(string text)
    {
        var parts = text.Split(',');
        if (parts.Length is not (3 or 4) || parts.Any(p => p.Length == 0))
        {
            throw new UsageException("--oid4vp takes CLIENT_ID,NONCE,RESPONSE_URI or CLIENT_ID,NONCE,RESPONSE_URI,JWK_THUMBPRINT, none of them empty.");
        }

        var encryption = ResponseEncryption.None;
        if (parts.Length == 4)
        {
            byte[] thumbprint;
            try
            {
                thumbprint = Base64Url.DecodeFromChars(parts[3]);
            }
            catch (FormatException)
            {
                throw new UsageException("--oid4vp: the JWK_THUMBPRINT is not base64url.");
            }

            if (thumbprint.Length != ResponseEncryption.ThumbprintLength)
            {
                throw new UsageException($"--oid4vp: the JWK_THUMBPRINT must encode a {ResponseEncryption.ThumbprintLength}-byte SHA-256 thumbprint (RFC 7638).");
            }

            encryption = ResponseEncryption.ToThumbprint(thumbprint);
        }

        return Wallet.Core.Mdoc.SessionTranscript.ForOpenId4VpRedirect(parts[0], parts[1], encryption, parts[2]);
    }

    private static SessionTranscript FromHex(string text)
    {
        var hex = text.Trim();
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new UsageException("--session-transcript must be hex.");
        }

        var bytes = Convert.FromHexString(hex);
        if (Wallet.Core.Mdoc.SessionTranscript.TryParseSessionTranscriptBytes(bytes, out var transcript, out _)
            || Wallet.Core.Mdoc.SessionTranscript.TryParse(bytes, out transcript, out _))
        {
            return transcript;
        }

        throw new UsageException("--session-transcript is neither SessionTranscriptBytes (tag 24) nor a three-element SessionTranscript array.");
    }
}
