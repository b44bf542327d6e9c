using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Core.Claims;

/// <summary>
/// A claims path pointer (OpenID4VP 1.0 §7): a non-empty sequence of segments that selects claims in a
/// credential. Immutable, compared segment by segment, never by string prefix (so <c>name</c> never
/// matches <c>name_birth</c>).
/// </summary>
public sealed class ClaimPath : IEquatable<ClaimPath>
{
    private readonly ClaimPathSegment[] _segments;

    /// <summary>Creates a path from its segments.</summary>
    public ClaimPath(IEnumerable<ClaimPathSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = segments.ToArray();
        if (_segments.Length == 0)
        {
            throw new ArgumentException("A claims path pointer has at least one segment (OpenID4VP 1.0 §7).", nameof(segments));
        }
    }

    /// <summary>The segments, first to last.</summary>
    public IReadOnlyList<ClaimPathSegment> Segments => _segments;

    /// <summary>Creates a path of member names only, e.g. <c>ClaimPath.Of("address", "locality")</c>.</summary>
    public static ClaimPath Of(params string[] names) => new(names.Select(ClaimPathSegment.Member));

    /// <summary>
    /// Parses the JSON array form used on the wire: strings, <c>null</c> and non-negative integers (OpenID4VP 1.0 §7).
    /// </summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out ClaimPath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() == 0)
        {
            error = "a claims path pointer must be a non-empty JSON array";
            return false;
        }

        var segments = new List<ClaimPathSegment>(json.GetArrayLength());
        foreach (var item in json.EnumerateArray())
        {
            switch (item.ValueKind)
            {
                case JsonValueKind.String:
                    segments.Add(ClaimPathSegment.Member(item.GetString()!));
                    break;
                case JsonValueKind.Null:
                    segments.Add(ClaimPathSegment.AllElements);
                    break;
                case JsonValueKind.Number when item.TryGetInt32(out var index) && index >= 0:
                    segments.Add(ClaimPathSegment.Element(index));
                    break;
                default:
                    error = $"a claims path pointer component must be a string, null or a non-negative integer, not {item.GetRawText()}";
                    return false;
            }
        }

        path = new ClaimPath(segments);
        error = null;
        return true;
    }

    /// <summary>
    /// Parses the command-line form: segments separated by <c>/</c>, where <c>*</c> selects every array element and a
    /// run of digits selects an index (e.g. <c>address/locality</c>, <c>nationalities/0</c>, <c>nationalities/*</c>).
    /// A text starting with <c>[</c> is read as the JSON array form instead.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ClaimPath? path, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        if (text.StartsWith('['))
        {
            if (!StrictJson.TryParseElement(text, 2, allowDuplicateProperties: false, out var element, out var jsonError))
            {
                error = $"the claims path pointer is not a valid JSON array: {jsonError}";
                return false;
            }

            return TryParse(element, out path, out error);
        }

        if (text.Length == 0)
        {
            error = "a claims path pointer must not be empty";
            return false;
        }

        path = new ClaimPath(text.Split('/').Select(part =>
            part == "*" ? ClaimPathSegment.AllElements
            : part.Length > 0 && part.All(char.IsAsciiDigit) && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? ClaimPathSegment.Element(i)
            : ClaimPathSegment.Member(part)));
        error = null;
        return true;
    }

    /// <summary>Appends one segment.</summary>
    public ClaimPath Append(ClaimPathSegment segment) => new(_segments.Append(segment));

    /// <summary>
    /// True when this path selects exactly <paramref name="concrete"/>: both have the same length and each segment
    /// matches (a name equals a name, an index equals an index, <c>*</c> matches any index).
    /// </summary>
    public bool Matches(ClaimPath concrete)
    {
        ArgumentNullException.ThrowIfNull(concrete);
        return concrete._segments.Length == _segments.Length && IsPrefixPatternOf(concrete);
    }

    /// <summary>
    /// True when every segment of this path matches the segment at the same position of <paramref name="concrete"/>,
    /// which may be longer (so a selected object also selects everything inside it).
    /// </summary>
    public bool IsPrefixPatternOf(ClaimPath concrete)
    {
        ArgumentNullException.ThrowIfNull(concrete);
        if (concrete._segments.Length < _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var pattern = _segments[i];
            var actual = concrete._segments[i];
            var match = pattern.IsAllElements ? actual.IsIndex || actual.IsAllElements : pattern == actual;
            if (!match)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Selects the JSON nodes this path points to in <paramref name="root"/> (OpenID4VP 1.0 §7.1.1).
    /// Returns false with a reason when a segment meets the wrong JSON type or nothing is selected.
    /// </summary>
    public bool TrySelect(JsonNode? root, out IReadOnlyList<JsonNode?> selected, [NotNullWhen(false)] out string? error)
    {
        var current = new List<JsonNode?> { root };
        foreach (var segment in _segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                if (segment.IsName)
                {
                    if (node is not JsonObject obj)
                    {
                        selected = [];
                        error = $"'{segment}' in path {this} selects a member, but the value there is not an object";
                        return false;
                    }

                    if (obj.TryGetPropertyValue(segment.Name!, out var value))
                    {
                        next.Add(value);
                    }
                }
                else
                {
                    if (node is not JsonArray array)
                    {
                        selected = [];
                        error = $"'{segment}' in path {this} selects array elements, but the value there is not an array";
                        return false;
                    }

                    if (segment.IsAllElements)
                    {
                        next.AddRange(array);
                    }
                    else if (segment.Index < array.Count)
                    {
                        next.Add(array[segment.Index]);
                    }
                }
            }

            current = next;
        }

        if (current.Count == 0)
        {
            selected = [];
            error = $"path {this} selects nothing";
            return false;
        }

        selected = current;
        error = null;
        return true;
    }

    /// <summary>The JSON array form, e.g. <c>["address","locality"]</c>.</summary>
    public JsonArray ToJsonArray() => new(_segments.Select(s =>
        s.IsName ? JsonValue.Create(s.Name) : s.IsIndex ? JsonValue.Create(s.Index) : (JsonNode?)null).ToArray());

    /// <summary>The slash-separated form, e.g. <c>address/locality</c> or <c>nationalities/*</c>.</summary>
    public override string ToString() => string.Join('/', _segments);

    /// <inheritdoc />
    public bool Equals(ClaimPath? other) => other is not null && _segments.AsSpan().SequenceEqual(other._segments);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ClaimPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in _segments)
        {
            hash.Add(segment);
        }

        return hash.ToHashCode();
    }
}
