using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Core.Storage;

namespace Meridian.Core.Machines.Storage;

/// <summary>
/// The Fly app's create budget in one blob (<see cref="BlobLayout.CreateBudgetBlob"/>): the next free
/// turn, taken by a read-change-write under the blob's ETag, so every app instance and every audit
/// draws on the same bucket and no two takers get the same turn.
/// </summary>
/// <remarks>
/// It holds under the engine's at-least-once execution because a turn is taken just before each
/// create is sent, not planned ahead: an activity run twice takes two turns and sends twice, and a
/// turn taken by a run that then dies is only lost, which slows creates and never speeds them up.
/// Instances compare the turn with their own clocks; Azure keeps those within milliseconds, and the
/// rate keeps one of Fly's tokens in reserve (<see cref="CreateRate.FlyDefault"/>). The last state
/// written is remembered, so one instance alone pays one conditional write per create; a write that
/// another instance got in first fails on the ETag, and the turn is taken again from a fresh read.
/// </remarks>
public sealed class BlobCreateBudget(BlobServiceClient blobs, string flyApp, CreateRate rate, TimeProvider time) : ICreateBudget, IDisposable
{
    /// <summary>Rounds lost to other writers before a turn is given up on: far above what a Fly app's one create a second causes.</summary>
    public const int MaxWriteAttempts = 50;

    private readonly BlobClient blob = blobs.GetBlobContainerClient(BlobLayout.MachinesContainer).GetBlobClient(BlobLayout.CreateBudgetBlob(flyApp));

    // One writer per process at a time: this process's takers never make each other re-read.
    private readonly SemaphoreSlim gate = new(1, 1);
    private JsonBlob.Stored<CreateBudgetDocument>? last;

    public async Task<DateTimeOffset> TakeTurnAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset sendAt = default;
        await ChangeAsync(
            budget =>
            {
                (sendAt, var nextFree) = rate.Take(budget.NextFree, time.GetUtcNow());
                return new CreateBudgetDocument(nextFree);
            },
            cancellationToken);
        return sendAt;
    }

    public Task HoldUntilAsync(DateTimeOffset until, CancellationToken cancellationToken) =>
        ChangeAsync(budget => new CreateBudgetDocument(rate.HoldUntil(budget.NextFree, until)), cancellationToken);

    public void Dispose() => gate.Dispose();

    private async Task ChangeAsync(Func<CreateBudgetDocument, CreateBudgetDocument> change, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; attempt <= MaxWriteAttempts; attempt++)
            {
                var current = last ?? await JsonBlob.ReadAsync<CreateBudgetDocument>(blob, cancellationToken);
                var next = change(current?.Document ?? new CreateBudgetDocument(time.GetUtcNow()));
                var conditions = current is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = current.ETag };
                if (await JsonBlob.TryWriteAsync(blob, next, conditions, metadata: null, cancellationToken) is { } written)
                {
                    last = new JsonBlob.Stored<CreateBudgetDocument>(next, written);
                    return;
                }

                // Another instance took a turn since: read what it wrote, after a moment that keeps takers from meeting again.
                last = null;
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 10 * Math.Min(attempt, 10))), time, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }

        throw new InvalidOperationException($"The create budget {blob.Name} changed under {MaxWriteAttempts} writes in a row; no create was sent.");
    }
}

/// <summary>The stored bucket: when its next create turn is free.</summary>
public sealed record CreateBudgetDocument(DateTimeOffset NextFree);
