using Meridian.Contract.Delivery;

namespace Meridian.Core.Deliveries;

/// <summary>
/// Where the callback keeps each region's result as it arrives, before raising the event, so a
/// result is never lost even if the orchestration is gone. The bytes are kept exactly as signed.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Stores the region's signed result once. A second delivery with the same result id is a
    /// <see cref="DeliveryStoreOutcome.Duplicate"/>; a different result for a region that already has
    /// one is a <see cref="DeliveryStoreOutcome.Conflict"/> and changes nothing.
    /// </summary>
    Task<DeliveryStoreOutcome> StoreAsync(
        string auditId,
        string region,
        string resultId,
        ReadOnlyMemory<byte> body,
        SignedHeaders signature,
        CancellationToken cancellationToken);
}

public enum DeliveryStoreOutcome
{
    Stored,
    Duplicate,
    Conflict,
}
