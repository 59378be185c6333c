using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.TaskHub;

/// <summary>
/// The Durable task hub the local host runs on: DurableTask.AzureStorage, the backend Durable
/// Functions uses by default in Azure, on Azurite: the same history and instance tables, control
/// and work-item queues and lease handling. Settings differ from Functions' defaults only where
/// one machine and a restart in seconds call for it.
/// </summary>
public static class LocalTaskHub
{
    /// <summary>
    /// How long a message taken by a host stays hidden from the others. A host killed mid-activity
    /// leaves its message hidden this long before it runs again (Functions: 5 minutes); the live host
    /// renews it while the activity runs.
    /// </summary>
    public static readonly TimeSpan MessageVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Idle queues are polled at most this far apart (Functions: 30 s, which would make a local audit wait).</summary>
    public static readonly TimeSpan MaxQueuePollingInterval = TimeSpan.FromSeconds(1);

    public static AzureStorageOrchestrationService Create(string connectionString, string taskHubName, ILoggerFactory loggerFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return Create(new StorageAccountClientProvider(connectionString), taskHubName, loggerFactory);
    }

    /// <summary>The same task hub over the caller's storage clients (a test's, delaying some requests to Azurite).</summary>
    public static AzureStorageOrchestrationService Create(StorageAccountClientProvider storage, string taskHubName, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = storage,
            TaskHubName = taskHubName,

            // One machine: one control queue is enough, and four would be polled for nothing.
            PartitionCount = 1,
            MaxQueuePollingInterval = MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = MessageVisibilityTimeout,

            // As in Durable Functions: a start for an id whose instance has not finished is refused, not ignored.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        });
    }
}
