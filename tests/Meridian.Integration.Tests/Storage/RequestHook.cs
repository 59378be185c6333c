using Azure.Core;
using Azure.Core.Pipeline;

namespace Meridian.Integration.Tests.Storage;

/// <summary>
/// A pipeline policy that runs test code just before chosen requests leave the client: how a test
/// puts a concurrent writer between a store's read and its conditional write, or counts requests,
/// against real Azurite and with no hook in the code under test.
/// </summary>
internal sealed class RequestHook(Func<Request, bool> matches, Func<Request, Task> before) : HttpPipelinePolicy
{
    public int Matched { get; private set; }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (matches(message.Request))
        {
            Matched++;
            await before(message.Request);
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The stores call Blob Storage asynchronously.");

    public static bool IsConditionalPut(Request request, string container) =>
        request.Method == RequestMethod.Put
        && request.Headers.TryGetValue("If-Match", out _)
        && request.Uri.Path.Contains($"/{container}/", StringComparison.Ordinal);

    /// <summary>A blob download (GET without a <c>comp</c> or <c>restype</c> query, which listing and properties use).</summary>
    public static bool IsDownload(Request request, string container) =>
        request.Method == RequestMethod.Get
        && request.Uri.Path.Contains($"/{container}/", StringComparison.Ordinal)
        && !request.Uri.Query.Contains("comp=", StringComparison.Ordinal)
        && !request.Uri.Query.Contains("restype=", StringComparison.Ordinal);
}
