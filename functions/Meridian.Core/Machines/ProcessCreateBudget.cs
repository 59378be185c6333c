namespace Meridian.Core.Machines;

/// <summary>
/// The create budget kept in this process: right for one app instance and for tools and tests without
/// storage. Several instances need <see cref="Storage.BlobCreateBudget"/>.
/// </summary>
public sealed class ProcessCreateBudget(CreateRate rate, TimeProvider time) : ICreateBudget
{
    private readonly Lock gate = new();
    private DateTimeOffset nextFree = time.GetUtcNow();

    public Task<DateTimeOffset> TakeTurnAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            (var sendAt, nextFree) = rate.Take(nextFree, time.GetUtcNow());
            return Task.FromResult(sendAt);
        }
    }

    public Task HoldUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            nextFree = rate.HoldUntil(nextFree, until);
        }

        return Task.CompletedTask;
    }
}
