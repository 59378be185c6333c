using Meridian.Contract.Results;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits.Activities;

public sealed record CollectFallbackResultInput(string AuditId, string Region);

/// <summary>
/// At the deadline, looks in storage for a result of a region that never raised its event: a worker
/// that could not reach the callback leaves its signed result there instead.
/// </summary>
public sealed class CollectFallbackResultActivity(IDeliveredResults results) : CancellableActivity<CollectFallbackResultInput, RegionResult?>
{
    public override async Task<RegionResult?> RunAsync(CollectFallbackResultInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await results.FindAsync(input.AuditId, input.Region, cancellationToken);

        // A stored result is only trusted for the audit and region it was asked for.
        return result is not null
               && result.AuditId == input.AuditId
               && string.Equals(result.Region, input.Region, StringComparison.OrdinalIgnoreCase)
            ? result
            : null;
    }
}
