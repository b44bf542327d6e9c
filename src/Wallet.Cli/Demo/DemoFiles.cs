namespace Wallet.Cli.Demo;

/// <summary>File helpers of the demo's data folder.</summary>
internal static class DemoFiles
{
    /// <summary>Writes a private key readable by the owner only (0600 on Unix).</summary>
    public static void WritePrivate(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
