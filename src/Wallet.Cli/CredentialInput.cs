using System.Buffers.Text;
using Wallet.Core.Mdoc;

namespace Wallet.Cli;

/// <summary>
/// A credential file told apart by content: an SD-JWT (text with <c>~</c>), or CBOR (an mdoc) given as binary, hex or
/// base64url. Text that decodes to something other than a CBOR map is left as text, so the SD-JWT parser reports it.
/// </summary>
internal sealed class CredentialInput
{
    private CredentialInput(string path, string? text, byte[]? cbor, string encoding)
    {
        Path = path;
        Text = text;
        Cbor = cbor;
        Encoding = encoding;
    }

    public string Path { get; }

    /// <summary>The trimmed text, when the input is not CBOR.</summary>
    public string? Text { get; }

    /// <summary>The CBOR bytes, when the input is an mdoc structure.</summary>
    public byte[]? Cbor { get; }

    /// <summary>How the CBOR was given: <c>binary</c>, <c>hex</c> or <c>base64url</c>; <c>text</c> otherwise.</summary>
    public string Encoding { get; }

    public bool IsCbor => Cbor is not null;

    public static CredentialInput Read(string path, CliContext context, string what)
    {
        var bytes = ReadBytes(path, context, what);
        if (!IsText(bytes))
        {
            return new CredentialInput(path, null, bytes, "binary");
        }

        var text = System.Text.Encoding.ASCII.GetString(bytes).Trim();
        if (text.Contains('~', StringComparison.Ordinal))
        {
            return new CredentialInput(path, text, null, "text");
        }

        if (TryHex(text, out var fromHex) && StartsWithMap(fromHex))
        {
            return new CredentialInput(path, null, fromHex, "hex");
        }

        if (TryBase64Url(text, out var fromBase64) && StartsWithMap(fromBase64))
        {
            return new CredentialInput(path, null, fromBase64, "base64url");
        }

        return new CredentialInput(path, text, null, "text");
    }

    /// <summary>Reads a file as bytes (stdin as text) within <see cref="InputReader.MaxInputLength"/>.</summary>
    public static byte[] ReadBytes(string path, CliContext context, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(context);
        if (path == InputReader.StdinName || Directory.Exists(path) || !File.Exists(path))
        {
            // Stdin is a TextReader, so binary CBOR cannot come that way; hex and base64url can.
            return System.Text.Encoding.UTF8.GetBytes(InputReader.ReadText(path, context, what));
        }

        if (new FileInfo(path).Length > InputReader.MaxInputLength)
        {
            throw new UsageException($"The {what} file '{path}' is larger than the limit of {InputReader.MaxInputLength} bytes.");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>Parses the CBOR as a DeviceResponse (a presentation) or an IssuerSigned (an issued mdoc).</summary>
    public MdocStructure ParseMdoc()
    {
        var cbor = Cbor ?? throw new InvalidOperationException("The input is not CBOR.");
        if (DeviceResponse.TryParse(cbor, out var response, out var responseError))
        {
            return new MdocStructure(null, response, null);
        }

        if (IssuerSigned.TryParse(cbor, out var issuerSigned, out var issuerSignedError))
        {
            return new MdocStructure(issuerSigned, null, null);
        }

        // Report the error of the structure the input looks like.
        var looksIssuerSigned = CborValue.TryDecode(cbor, out var value, out var decodeError) && value.TryGetMember("issuerAuth", out _);
        return new MdocStructure(null, null, decodeError ?? (looksIssuerSigned ? issuerSignedError : responseError));
    }

    private static bool IsText(byte[] bytes) => bytes.All(b => b is (>= 0x20 and < 0x7F) or (byte)'\n' or (byte)'\r' or (byte)'\t');

    private static bool StartsWithMap(byte[] bytes) => bytes.Length > 0 && bytes[0] >> 5 == 5;

    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(text);
        return true;
    }

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
