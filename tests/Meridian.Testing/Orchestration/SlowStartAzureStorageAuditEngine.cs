using Azure.Core;
using Azure.Core.Pipeline;

namespace Meridian.Testing.Orchestration;

/// <summary>
/// The Azure Storage engine with its client slow to record each new instance: the insert of its row in
/// the Instances table waits <see cref="RecordDelay"/>. The client queues an instance's start message
/// before it writes the instance's row, so the worker dequeues the message, finds no row, and defers it
/// (DurableTask.AzureStorage: 2 s, then 4 s); the instance stays Pending meanwhile. On a loaded machine
/// that happens by chance (the row lags the message by tens to hundreds of ms); here it happens every time.
/// </summary>
public sealed class SlowStartAzureStorageAuditEngine() : AzureStorageAuditEngine(new DelayInstanceInserts(RecordDelay))
{
    /// <summary>
    /// Long enough that the worker (polling at most a second apart) finds the start message, row-less, at
    /// least 2 s before the row is written: its second look comes before the row too, and its third 4 s later.
    /// </summary>
    public static readonly TimeSpan RecordDelay = TimeSpan.FromSeconds(4);

    private sealed class DelayInstanceInserts(TimeSpan delay) : HttpPipelinePolicy
    {
        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (IsInstanceInsert(message.Request))
            {
                await Task.Delay(delay);
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (IsInstanceInsert(message.Request))
            {
                Thread.Sleep(delay);
            }

            ProcessNext(message, pipeline);
        }

        /// <summary>The insert of a new instance's row: <c>POST …/{TaskHub}Instances</c> (later writes go to the row's own URL).</summary>
        private static bool IsInstanceInsert(Request request) =>
            request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("Instances", StringComparison.Ordinal);
    }
}
