using Meridian.Contract.Results;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits.Activities;

/// <summary>Region results kept in storage: what the callback stored and what a worker left as a fallback.</summary>
public interface IDeliveredResults
{
    /// <summary>A stored result for the region, or null when none was stored.</summary>
    Task<RegionResult?> FindAsync(string auditId, string region, CancellationToken cancellationToken);
}
