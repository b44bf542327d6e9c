using System.Text.Json.Serialization;

namespace Wallet.Core.Mdoc;

/// <summary>Source-generated serializer for quoting text strings in diagnostic notation (AOT-safe).</summary>
[JsonSerializable(typeof(string))]
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
internal sealed partial class CborDiagnosticsJsonContext : JsonSerializerContext;
