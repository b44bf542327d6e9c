using System.Runtime.Versioning;

namespace Wallet.Cli.Tests;

/// <summary>The modes of private files and folders (0600, 0700), and a check over a whole data folder.</summary>
[UnsupportedOSPlatform("windows")]
public static class FileModes
{
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Every folder 0700; every file 0600 except certificates (<c>*.pem</c> that are not <c>*.key.pem</c>).</summary>
    public static void AssertPrivateTree(string root)
    {
        File.GetUnixFileMode(root).Should().Be(PrivateFolder, root);
        foreach (var folder in Directory.GetDirectories(root, "*", SearchOption.AllDirectories))
        {
            File.GetUnixFileMode(folder).Should().Be(PrivateFolder, folder);
        }

        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
        files.Should().Contain(f => f.EndsWith(".key.pem", StringComparison.Ordinal) || f.EndsWith(".jwk", StringComparison.Ordinal));
        foreach (var file in files.Where(f => !f.EndsWith(".pem", StringComparison.Ordinal) || f.EndsWith(".key.pem", StringComparison.Ordinal)))
        {
            File.GetUnixFileMode(file).Should().Be(PrivateFile, file);
        }
    }
}
