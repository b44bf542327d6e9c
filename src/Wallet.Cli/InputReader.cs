namespace Wallet.Cli;

/// <summary>Reads a command's input from a file, or from stdin when the name is <c>-</c>, within a size limit.</summary>
internal static class InputReader
{
    /// <summary>Largest input accepted, in characters: above the SD-JWT limit of the library (512 KiB) with room for JSON claims.</summary>
    public const int MaxInputLength = 4 * 1024 * 1024;

    public const string StdinName = "-";

    public static string ReadText(string path, CliContext context, string what, int maxLength = MaxInputLength)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(context);
        if (path == StdinName)
        {
            return ReadLimited(context.Stdin, $"{what} (stdin)", maxLength);
        }

        if (Directory.Exists(path))
        {
            throw new UsageException($"The {what} '{path}' is a directory, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"The {what} file '{path}' does not exist.");
        }

        if (new FileInfo(path).Length > maxLength * 4L)
        {
            throw new UsageException($"The {what} file '{path}' is larger than the limit of {maxLength} characters.");
        }

        using var reader = new StreamReader(path);
        return ReadLimited(reader, $"{what} file '{path}'", maxLength);
    }

    /// <summary>Reads a compact token (SD-JWT, JWS): surrounding whitespace, such as a final newline, is dropped.</summary>
    public static string ReadToken(string path, CliContext context, string what) => ReadText(path, context, what).Trim();

    private static string ReadLimited(TextReader reader, string described, int maxLength)
    {
        var buffer = new char[maxLength + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = reader.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        if (total > maxLength)
        {
            throw new UsageException($"The {described} is larger than the limit of {maxLength} characters.");
        }

        return new string(buffer, 0, total);
    }
}
