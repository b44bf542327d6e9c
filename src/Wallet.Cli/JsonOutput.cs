using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Json;

namespace Wallet.Cli;

/// <summary>Writes the JSON results of commands: indented, with non-ASCII text kept readable.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,

        // Output goes to a terminal or a file, never into HTML, so names like "Müller" stay as written.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToText(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    public static void Write(TextWriter writer, JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(ToText(node));
    }

    /// <summary>Parses a JSON object given by the user; malformed JSON is a usage error naming the source.</summary>
    public static JsonObject ParseObject(string json, string described)
    {
        if (!StrictJson.TryParseNode(json, 32, allowDuplicateProperties: false, out var node, out var error))
        {
            throw new UsageException($"The {described} is not valid JSON: {error}");
        }

        return node as JsonObject ?? throw new UsageException($"The {described} must be a JSON object.");
    }
}
