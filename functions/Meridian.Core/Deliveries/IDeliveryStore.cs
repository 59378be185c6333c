using Meridian.Contract.Delivery;

namespace Meridian.Core.Deliveries;

/// <summary>
/// Where the callback keeps each region's result as it arrives, before raising the event, so a
/// result is never lost even if the orchestration is gone. The bytes are kept exactly as signed.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>
    /// Stores the region's signed result once. A second delivery of the same bytes under the same
    /// result id is a <see cref="DeliveryStoreOutcome.Duplicate"/>; any other result for a region that
    /// already has one (another id, or the same id with another body) is a
    /// <see cref="DeliveryStoreOutcome.Conflict"/> and changes nothing.
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
