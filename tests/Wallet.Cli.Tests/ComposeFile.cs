using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Wallet.Cli.Tests;

/// <summary>The parts of a Docker compose file the container tests read: each service's <c>environment</c>, interpolated.</summary>
internal sealed partial class ComposeFile
{
    private readonly YamlMappingNode _services;

    private ComposeFile(YamlMappingNode services) => _services = services;

    public static ComposeFile Load(string path)
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(path);
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return new ComposeFile((YamlMappingNode)root.Children[new YamlScalarNode("services")]);
    }

    /// <summary>
    /// The environment of <paramref name="service"/> (map or list form), with <c>${NAME}</c>, <c>${NAME:?message}</c> and
    /// <c>${NAME:-default}</c> taken from <paramref name="variables"/> as compose does; a required variable that is missing throws.
    /// </summary>
    public Dictionary<string, string> Environment(string service, IReadOnlyDictionary<string, string> variables)
    {
        var node = ((YamlMappingNode)_services.Children[new YamlScalarNode(service)]).Children[new YamlScalarNode("environment")];
        var raw = node switch
        {
            YamlMappingNode map => map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? string.Empty, StringComparer.Ordinal),
            YamlSequenceNode list => list.Children.Select(e => ((YamlScalarNode)e).Value!.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal),
            _ => throw new InvalidDataException($"services.{service}.environment is neither a map nor a list."),
        };
        return raw.ToDictionary(e => e.Key, e => Interpolate(e.Value, variables), StringComparer.Ordinal);
    }

    private static string Interpolate(string value, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(value, match =>
        {
            var name = match.Groups["name"].Value;
            if (variables.TryGetValue(name, out var found) && found.Length > 0)
            {
                return found;
            }

            return match.Groups["op"].Value switch
            {
                ":-" => match.Groups["arg"].Value,
                ":?" => throw new InvalidOperationException($"The compose file requires {name}: {match.Groups["arg"].Value}"),
                _ => string.Empty,
            };
        });

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:[-?])(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
