using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Meridian.Local.Azurite;
using Meridian.Integration.Tests.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Azurite;

/// <summary>An Azurite left running on a kept data folder by a host that was killed before it could stop it.</summary>
public sealed class AzuriteLeftoverTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("meridian-azurite-test-").FullName;

    private string Records => Path.Combine(data, "meridian-process-groups");

    [Fact]
    public async Task A_kept_folder_records_the_running_azurite_until_it_is_disposed()
    {
        var server = await AzuriteServer.StartAsync(AzuriteFixture.Options(data));
        var whileRunning = Directory.EnumerateFiles(Records).Select(Path.GetFileName).ToList();

        await server.DisposeAsync();

        Assert.StartsWith($"{server.ProcessId}-", Assert.Single(whileRunning), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Records));
    }

    [Fact]
    public async Task A_server_started_on_a_kept_folder_kills_the_azurite_a_killed_host_left_there_and_reads_its_data()
    {
        var name = Containers.NewName();
        var tableName = Containers.NewTableName();
        // Never disposed before the second starts: it stands for the Azurite of a host killed with SIGKILL.
        var first = await AzuriteServer.StartAsync(AzuriteFixture.Options(data));
        try
        {
            var container = new BlobServiceClient(first.ConnectionString).GetBlobContainerClient(name);
            await container.CreateAsync();
            await container.GetBlobClient("monitors/m1.json").UploadAsync(BinaryData.FromString("left behind"));
            var queue = new QueueServiceClient(first.ConnectionString).GetQueueClient(name);
            await queue.CreateAsync();
            var sent = await queue.SendMessageAsync("left behind message");
            var table = new TableServiceClient(first.ConnectionString).GetTableClient(tableName);
            await table.CreateAsync();
            await table.AddEntityAsync(new TableEntity("history", "row-left-behind"));
            // Azurite saves its metadata every 5 s; SIGKILL loses what it has not saved yet.
            await Eventually.TrueAsync(
                () => Saved("blob", name) && Saved("queue", sent.Value.MessageId) && Saved("table", "row-left-behind"),
                "the first Azurite to save its metadata",
                TimeSpan.FromSeconds(20));

            await using var second = await AzuriteServer.StartAsync(AzuriteFixture.Options(data));

            Assert.False(LocalProcesses.IsAlive(first.ProcessId), $"the first Azurite ({first.ProcessId}) is still running beside the second");
            var blob = new BlobServiceClient(second.ConnectionString).GetBlobContainerClient(name).GetBlobClient("monitors/m1.json");
            var message = await new QueueServiceClient(second.ConnectionString).GetQueueClient(name).ReceiveMessageAsync();
            var entity = await new TableServiceClient(second.ConnectionString).GetTableClient(tableName).GetEntityAsync<TableEntity>("history", "row-left-behind");
            Assert.Equal("left behind", (await blob.DownloadContentAsync()).Value.Content.ToString());
            Assert.Equal("left behind message", message.Value?.MessageText);
            Assert.Equal("row-left-behind", entity.Value.RowKey);
            Assert.StartsWith($"{second.ProcessId}-", Assert.Single(Directory.EnumerateFiles(Records).Select(Path.GetFileName)), StringComparison.Ordinal);
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(data, recursive: true);

    /// <summary>Whether Azurite's metadata file for <paramref name="service"/> mentions <paramref name="text"/> yet.</summary>
    private bool Saved(string service, string text)
    {
        try
        {
            return File.ReadAllText(Path.Combine(data, $"__azurite_db_{service}__.json")).Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false; // not written yet, or being replaced
        }
    }
}
