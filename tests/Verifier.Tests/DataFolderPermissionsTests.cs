using System.Runtime.Versioning;

namespace Wallet.Verifier.Tests;

/// <summary>
/// The data folder holds the request-signing key and every transaction: owner only (0700 folder, 0600 files), SQLite's
/// companion files included. Unix only: Windows has no such modes.
/// </summary>
public sealed class DataFolderPermissionsTests
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode WorldReadable = UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact]
    public async Task Data_folder_database_and_request_signing_key_are_created_for_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var app = new VerifierApp();
        await CreateTransactionAsync(app);

        AssertPrivate(app.DataDirectory);
    }

    [Fact]
    public async Task World_readable_data_folder_and_database_of_an_earlier_run_are_tightened_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), $"verifier-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDirectory);
        File.SetUnixFileMode(dataDirectory, PrivateFolder | WorldReadable | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var database = Path.Combine(dataDirectory, "verifier.db");
        await File.WriteAllBytesAsync(database, []);
        File.SetUnixFileMode(database, PrivateFile | WorldReadable);

        using var app = new VerifierApp(dataDirectory: dataDirectory);
        await CreateTransactionAsync(app);

        AssertPrivate(dataDirectory);
    }

    private static async Task CreateTransactionAsync(VerifierApp app)
    {
        using var api = app.ApiClient();
        (await Api.CreateAsync(api, Api.Body()))["transactionId"].Should().NotBeNull();
        _ = app.RequestSigningRoot;
    }

    [UnsupportedOSPlatform("windows")]
    private static void AssertPrivate(string dataDirectory)
    {
        File.GetUnixFileMode(dataDirectory).Should().Be(PrivateFolder, "the data folder holds the request-signing key and the transactions");
        File.GetUnixFileMode(Path.Combine(dataDirectory, "dev-request-signing.key.pem")).Should().Be(PrivateFile);
        var database = Path.Combine(dataDirectory, "verifier.db");
        File.GetUnixFileMode(database).Should().Be(PrivateFile);
        foreach (var companion in Directory.GetFiles(dataDirectory, "verifier.db-*"))
        {
            File.GetUnixFileMode(companion).Should().Be(PrivateFile, companion);
        }

        Directory.GetFiles(dataDirectory).Where(f => (File.GetUnixFileMode(f) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0 && !f.EndsWith(".pem", StringComparison.Ordinal))
            .Should().BeEmpty("only certificates may be readable by others");
    }
}
