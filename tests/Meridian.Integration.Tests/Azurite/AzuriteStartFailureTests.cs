using Azure.Data.Tables;
using Meridian.Local.Azurite;
using Meridian.Integration.Tests.FlyStandIn;
using Meridian.Testing;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Azurite;

public sealed class AzuriteStartFailureTests
{
    private const string FixCommand = "`npm ci --prefix worker` from the repository root";

    private static readonly string RealEntryPoint = RepositoryPaths.Combine("worker", "node_modules", "azurite", "dist", "src", "azurite.js");

    [Fact]
    public async Task A_folder_without_azurite_fails_naming_the_folder_and_the_command_that_installs_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"no-node-modules-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<AzuriteNotInstalledException>(
            () => AzuriteServer.StartAsync(new AzuriteServerOptions { NodeModulesDirectory = folder }));

        Assert.Contains($"Azurite is not installed under '{folder}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(FixCommand, error.Message, StringComparison.Ordinal);
        Assert.Contains("Node.js 20 or later", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_missing_from_path_fails_saying_so_and_how_to_fix_it()
    {
        var error = Assert.Throws<AzuriteNotInstalledException>(
            () => AzuriteInstallation.Locate(RepositoryPaths.Combine("worker"), pathVariable: "/nonexistent-bin"));

        Assert.Contains("Node.js ('node') is not on PATH.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Azurite is not installed", error.Message, StringComparison.Ordinal);
        Assert.Contains(FixCommand, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_installed_azurite_is_found_through_its_declared_entry_point_for_all_services()
    {
        var installation = AzuriteInstallation.Locate(RepositoryPaths.Combine("worker"));

        Assert.Equal(RealEntryPoint, installation.EntryPoint);
    }

    [Fact]
    public async Task Azurite_exiting_before_it_answers_fails_with_its_exit_code_and_last_output_lines()
    {
        using var fake = FakeAzurite.WithEntryPoint("""
            console.log("fake azurite starting");
            console.error("fake azurite: the metadata store is corrupt");
            process.exit(3);
            """);

        var error = await Assert.ThrowsAsync<AzuriteStartException>(
            () => AzuriteServer.StartAsync(new AzuriteServerOptions { NodeModulesDirectory = fake.NodeModulesDirectory }));

        Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("fake azurite starting", error.Message, StringComparison.Ordinal);
        Assert.Contains("fake azurite: the metadata store is corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Azurite_not_answering_within_the_start_timeout_fails_with_its_output_and_is_killed()
    {
        var data = Directory.CreateTempSubdirectory("meridian-azurite-test-").FullName;
        using var fake = FakeAzurite.WithEntryPoint("""
            require("fs").writeFileSync("pid", String(process.pid));
            console.log("fake azurite: waiting forever");
            setInterval(() => {}, 1000);
            """);
        try
        {
            var error = await Assert.ThrowsAsync<AzuriteStartException>(() => AzuriteServer.StartAsync(new AzuriteServerOptions
            {
                NodeModulesDirectory = fake.NodeModulesDirectory,
                DataDirectory = data,
                StartTimeout = TimeSpan.FromSeconds(2),
            }));

            Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
            Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
            Assert.Contains("fake azurite: waiting forever", error.Message, StringComparison.Ordinal);
            var pid = int.Parse(File.ReadAllText(Path.Combine(data, "pid")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.False(LocalProcesses.IsAlive(pid), $"the fake Azurite ({pid}) outlived the failed start");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_port_taken_before_azurite_binds_it_is_retried_with_new_ports()
    {
        // The first start takes its own Table port before the real Azurite binds it (last, after Blob
        // and Queue are up), so the real Azurite fails as it would on a port lost to another process.
        using var fake = FakeAzurite.WithEntryPoint($$"""
            const fs = require("fs");
            const realAzurite = {{FakeAzurite.Literal(RealEntryPoint)}};
            if (fs.existsSync("taken-table-port")) {
                require(realAzurite);
            } else {
                const port = Number(process.argv[process.argv.indexOf("--tablePort") + 1]);
                fs.writeFileSync("taken-table-port", String(port));
                require("net").createServer().listen(port, "127.0.0.1", () => require(realAzurite));
            }
            """);

        await using var server = await AzuriteServer.StartAsync(new AzuriteServerOptions { NodeModulesDirectory = fake.NodeModulesDirectory });

        var takenPort = int.Parse(File.ReadAllText(Path.Combine(server.DataDirectory, "taken-table-port")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(takenPort, server.TableEndpoint.Port);
        Assert.NotNull((await new TableServiceClient(server.ConnectionString).GetPropertiesAsync()).Value);
    }

    [Fact]
    public async Task A_failed_start_deletes_the_temporary_data_folder_it_made()
    {
        using var fake = FakeAzurite.WithEntryPoint("""
            require("fs").writeFileSync(require("path").join(__dirname, "data-folder"), process.cwd());
            process.exit(3);
            """);

        await Assert.ThrowsAsync<AzuriteStartException>(
            () => AzuriteServer.StartAsync(new AzuriteServerOptions { NodeModulesDirectory = fake.NodeModulesDirectory }));

        var data = File.ReadAllText(fake.PackageFile("data-folder"));
        Assert.StartsWith(Path.GetTempPath(), data, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), $"{data} is still there");
    }
}
