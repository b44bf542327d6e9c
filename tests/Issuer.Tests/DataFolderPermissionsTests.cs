using System.Net;
using System.Runtime.Versioning;
using Wallet.Core.Jose;

namespace Wallet.Issuer.Tests;

/// <summary>
/// The data folder holds the signing keys and every offer, code and token: owner only (0700 folders, 0600 files),
/// SQLite's -wal and -shm files included. Unix only: Windows has no such modes.
/// </summary>
public sealed class DataFolderPermissionsTests
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task Data_folder_database_and_keys_are_created_for_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var factory = new IssuerFactory();
        await IssueOneCredentialAsync(factory);

        AssertPrivate(factory.DataDirectory);
    }

    [Fact]
    public async Task World_readable_data_folder_and_database_of_an_earlier_run_are_tightened_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var dataDirectory = Path.Combine(Path.GetTempPath(), "issuer-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory, PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(dataDirectory, PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var database = Path.Combine(dataDirectory, "issuer.db");
        await File.WriteAllBytesAsync(database, []);
        File.SetUnixFileMode(database, PrivateFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var factory = new IssuerFactory(dataDirectory) { DeleteDataDirectory = true };
        await IssueOneCredentialAsync(factory);

        AssertPrivate(dataDirectory);
    }

    private static async Task IssueOneCredentialAsync(IssuerFactory factory)
    {
        using var http = factory.CreateClient();
        using var api = factory.CreateApiClient();
        var created = System.Text.Json.Nodes.JsonNode.Parse(await (await api.PostAsync("/api/offers", new StringContent("""{"personId":"kari-nordmann"}""", System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        var wallet = new TestWallet(http, factory.Clock);
        await wallet.ResolveOfferAsync(created["offerUri"]!.GetValue<string>());
        (await wallet.RequestTokenAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestWallet.CredentialsAsync(await wallet.RequestCredentialsAsync("eu.europa.ec.eudi.pid_vc_sd_jwt", [SigningKey.Generate()]))).Should().ContainSingle();
    }

    [UnsupportedOSPlatform("windows")]
    private static void AssertPrivate(string dataDirectory)
    {
        File.GetUnixFileMode(dataDirectory).Should().Be(PrivateFolder, "the data folder holds keys and tokens");
        var keys = Path.Combine(dataDirectory, "keys");
        File.GetUnixFileMode(keys).Should().Be(PrivateFolder);
        var keyFiles = Directory.GetFiles(keys, "*.key.pem");
        keyFiles.Should().HaveCount(3, "the credential, document and status list signers each have a key");
        foreach (var key in keyFiles)
        {
            File.GetUnixFileMode(key).Should().Be(PrivateFile, key);
        }

        // WAL mode: the log and its index exist while the host holds the database open.
        var database = Path.Combine(dataDirectory, "issuer.db");
        string[] databaseFiles = [database, database + "-wal", database + "-shm"];
        foreach (var file in databaseFiles)
        {
            File.Exists(file).Should().BeTrue(file);
            File.GetUnixFileMode(file).Should().Be(PrivateFile, file);
        }
    }
}
