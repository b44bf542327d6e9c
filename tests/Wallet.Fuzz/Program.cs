using SharpFuzz;
using Wallet.Fuzz;

// Usage:
//   Wallet.Fuzz <target>                        run one harness under afl-fuzz (input on standard input)
//   Wallet.Fuzz replay <target> <file|dir>...   run files through a harness without an engine; exit 1 on a finding
//   Wallet.Fuzz seed <corpus-dir> <iaca-pem>    write the seed corpus and the IACA root certificate
//   Wallet.Fuzz list                            name every harness
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Wallet.Fuzz <target> | replay <target> <file|dir>... | seed <corpus-dir> <iaca-pem> | list");
    return 2;
}

switch (args[0])
{
    case "list":
        foreach (var t in FuzzTargets.All)
        {
            Console.WriteLine($"{t.Name,-24} {t.Description}");
        }

        return 0;

    case "seed" when args.Length == 3:
        SeedGenerator.Write(args[1], args[2]);
        return 0;

    case "replay" when args.Length >= 3:
        return Replay(args[1], args[2..]);
}

var target = FuzzTargets.Find(args[0]);
if (target is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; `list` names them");
    return 2;
}

// Persistent mode: one process runs many inputs, which is what makes .NET fast enough under AFL. The harnesses keep
// no state between inputs beyond their fixed verifiers.
Fuzzer.Run(stream => _ = target.Run(ReadAll(stream)));
return 0;

static int Replay(string name, string[] paths)
{
    var target = FuzzTargets.Find(name);
    if (target is null)
    {
        Console.Error.WriteLine($"unknown target '{name}'; `list` names them");
        return 2;
    }

    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p]).Order(StringComparer.Ordinal).ToList();
    var (findings, accepted) = (0, 0);
    foreach (var file in files)
    {
        try
        {
            accepted += target.Run(File.ReadAllBytes(file)) ? 1 : 0;
        }
#pragma warning disable CA1031 // Replay reports every escaping exception: that is what it looks for.
        catch (Exception e)
#pragma warning restore CA1031
        {
            findings++;
            Console.WriteLine($"FINDING {file}: {e.GetType().Name}: {e.Message}");
        }
    }

    Console.WriteLine($"{target.Name}: {files.Count} inputs, {accepted} accepted, {findings} findings");
    return findings == 0 ? 0 : 1;
}

static byte[] ReadAll(Stream stream)
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    return buffer.ToArray();
}
