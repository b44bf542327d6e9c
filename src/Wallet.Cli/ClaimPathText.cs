using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;

namespace Wallet.Cli;

/// <summary>
/// The command-line spelling of a claims path pointer (OpenID4VP 1.0 §7), written and read by every command, so that
/// any path the tool prints is accepted back unchanged.
/// </summary>
/// <remarks>
/// <para>Segments are separated by <c>/</c>; inside a segment <c>~1</c> stands for <c>/</c> and <c>~0</c> for <c>~</c>
/// (the escapes of JSON Pointer, RFC 6901 §3).</para>
/// <para>A number or <c>*</c> is ambiguous on its own: <c>age_equal_or_over/18</c> names the member <c>"18"</c>, while
/// <c>nationalities/0</c> names an array element. The text is therefore read against the credential it is used with:
/// where the value reached is an array, <c>*</c> selects every element and a number one element; everywhere else a
/// segment is a member name, digits and <c>*</c> included. A text starting with <c>[</c> is the JSON array form and is
/// taken exactly as written.</para>
/// </remarks>
internal static class ClaimPathText
{
    /// <summary>
    /// The text for <paramref name="path"/>: the slash form, or the JSON array form when the slash form cannot say it
    /// (a single empty name, or a first name starting with <c>[</c>).
    /// </summary>
    public static string Format(ClaimPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var first = path.Segments[0];
        if (first.IsName && (first.Name!.StartsWith('[') || (first.Name.Length == 0 && path.Segments.Count == 1)))
        {
            return path.ToJsonArray().ToJsonString();
        }

        return string.Join('/', path.Segments.Select(s => s.IsName ? Escape(s.Name!) : s.ToString()));
    }

    /// <summary>
    /// Reads <paramref name="text"/> against <paramref name="credential"/> (the claims with every Disclosure applied),
    /// resolving each number or <c>*</c> by what the credential holds at that place.
    /// </summary>
    /// <exception cref="UsageException">The text is not a path, or it is ambiguous in this credential.</exception>
    public static ClaimPath Parse(string text, JsonNode? credential, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith('['))
        {
            return ParseJson(text, option);
        }

        var current = new List<JsonNode?> { credential };
        var segments = new List<ClaimPathSegment>();
        foreach (var part in Split(text, option))
        {
            var arrays = current.Count(n => n is JsonArray);
            var isElementSyntax = part == "*" || IsIndex(part);
            if (isElementSyntax && arrays > 0 && arrays < current.Count)
            {
                throw new UsageException($"{option} '{text}': '{part}' meets both arrays and objects in this credential; write the path in its JSON form, e.g. '[\"a\",0]'.");
            }

            var segment = isElementSyntax && arrays > 0
                ? part == "*" ? ClaimPathSegment.AllElements : ClaimPathSegment.Element(int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture))
                : ClaimPathSegment.Member(part);
            segments.Add(segment);
            current = Step(current, segment);
        }

        return new ClaimPath(segments);
    }

    /// <summary>
    /// Reads an mdoc data element path, <c>NAMESPACE/ELEMENT</c> (OpenID4VP 1.0 §7.2): two names, whatever they look
    /// like, or the JSON array form.
    /// </summary>
    /// <exception cref="UsageException">The text is not two names.</exception>
    public static ClaimPath ParseMdoc(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var path = text.StartsWith('[') ? ParseJson(text, option) : new ClaimPath(Split(text, option).Select(ClaimPathSegment.Member));
        if (path.Segments.Count != 2 || !path.Segments.All(s => s.IsName))
        {
            throw new UsageException($"{option} '{text}': an mdoc element is named NAMESPACE/ELEMENT (OpenID4VP 1.0 §7.2).");
        }

        return path;
    }

    private static ClaimPath ParseJson(string text, string option) =>
        ClaimPath.TryParse(text, out var path, out var error) ? path : throw new UsageException($"{option} '{text}': {error}.");

    private static List<string> Split(string text, string option)
    {
        if (text.Length == 0)
        {
            throw new UsageException($"{option} '': a claims path pointer must not be empty.");
        }

        return text.Split('/').Select(part => Unescape(part) ?? throw new UsageException(
            $"{option} '{text}': '~' in a path is written '~0', and '/' inside a name '~1' (RFC 6901 §3).")).ToList();
    }

    private static List<JsonNode?> Step(List<JsonNode?> nodes, ClaimPathSegment segment)
    {
        var next = new List<JsonNode?>();
        foreach (var node in nodes)
        {
            if (segment.IsName && node is JsonObject obj && obj.TryGetPropertyValue(segment.Name!, out var value))
            {
                next.Add(value);
            }
            else if (node is JsonArray array && segment.IsAllElements)
            {
                next.AddRange(array);
            }
            else if (node is JsonArray indexed && segment.IsIndex && segment.Index < indexed.Count)
            {
                next.Add(indexed[segment.Index]);
            }
        }

        return next;
    }

    private static bool IsIndex(string part) =>
        part.Length > 0 && part.All(char.IsAsciiDigit) && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string? Unescape(string part)
    {
        if (!part.Contains('~', StringComparison.Ordinal))
        {
            return part;
        }

        var builder = new StringBuilder(part.Length);
        for (var i = 0; i < part.Length; i++)
        {
            if (part[i] != '~')
            {
                builder.Append(part[i]);
                continue;
            }

            if (i + 1 >= part.Length || part[i + 1] is not ('0' or '1'))
            {
                return null;
            }

            builder.Append(part[++i] == '0' ? '~' : '/');
        }

        return builder.ToString();
    }
}
