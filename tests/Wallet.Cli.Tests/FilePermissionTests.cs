namespace Wallet.Cli.Tests;

/// <summary>
/// Private keys and databases the tool writes are the owner's only: 0600 files in 0700 folders. Certificates may stay
/// readable (they are public), but only inside a private folder when the tool created it. Unix only.
/// </summary>
public sealed class FilePermissionTests : IDisposable
{
    private readonly CliFixture _cli = new();

    public void Dispose() => _cli.Dispose();

    [Theory]
    [InlineData("jwk")]
    [InlineData("pem")]
    public async Task Keys_new_writes_the_key_0600_into_a_new_folder_0700(string format)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_cli.PathOf("new-folder"), "nested", "holder.key");

        await _cli.RunOkAsync("keys", "new", "--format", format, "--out", path);

        File.GetUnixFileMode(path).Should().Be(FileModes.PrivateFile);
        File.GetUnixFileMode(_cli.PathOf("new-folder")).Should().Be(FileModes.PrivateFolder);
        File.GetUnixFileMode(Path.GetDirectoryName(path)!).Should().Be(FileModes.PrivateFolder);
    }

    [Fact]
    public async Task Keys_new_over_a_world_readable_file_leaves_it_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = _cli.PathOf("old.jwk");
        await File.WriteAllTextAsync(path, "old");
        File.SetUnixFileMode(path, FileModes.PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await _cli.RunOkAsync("keys", "new", "--out", path);

        File.GetUnixFileMode(path).Should().Be(FileModes.PrivateFile);
        (await File.ReadAllTextAsync(path)).Should().Contain("\"d\"");
    }

    [Fact]
    public async Task Cert_commands_write_private_keys_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await _cli.RunOkAsync("cert", "ca", "--cn", "Test IACA", "--out-cert", _cli.PathOf("ca.pem"), "--out-key", _cli.PathOf("keys/ca.key.pem"));
        await _cli.RunOkAsync("cert", "issue", "--ca", _cli.PathOf("ca.pem"), "--ca-key", _cli.PathOf("keys/ca.key.pem"), "--profile", "mdoc-ds", "--out-cert", _cli.PathOf("ds.pem"), "--out-key", _cli.PathOf("keys/ds.key.pem"));

        File.GetUnixFileMode(_cli.PathOf("keys")).Should().Be(FileModes.PrivateFolder);
        File.GetUnixFileMode(_cli.PathOf("keys/ca.key.pem")).Should().Be(FileModes.PrivateFile);
        File.GetUnixFileMode(_cli.PathOf("keys/ds.key.pem")).Should().Be(FileModes.PrivateFile);
    }

    [Fact]
    public async Task Offline_demo_data_folder_is_0700_and_its_keys_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = _cli.PathOf("demo");

        await _cli.RunOkAsync("demo", "--offline", "--data", data);

        FileModes.AssertPrivateTree(data);
    }
}
