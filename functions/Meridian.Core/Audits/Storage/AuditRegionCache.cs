using Microsoft.Extensions.Caching.Memory;

namespace Meridian.Core.Audits.Storage;

/// <summary>
/// The regions of recent audits, kept in memory for the worker callback's "does this audit have
/// this region" check. An audit's regions never change once its document is written, so an entry
/// is never stale; only a deleted audit must be forgotten. Bounded in count and idle time, so a
/// long-running host keeps the audits that are still receiving callbacks and lets the rest go.
/// </summary>
public sealed class AuditRegionCache : IDisposable
{
    /// <summary>About 100 bytes per region code and set: a full cache is a few tens of MB at most.</summary>
    public const int MaxAudits = 100_000;

    /// <summary>Longer than any audit's deadline (30 minutes) plus its workers' fallback grace.</summary>
    public static readonly TimeSpan IdleExpiry = TimeSpan.FromHours(1);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxAudits });

    public bool TryGet(string auditId, out IReadOnlySet<string> regions)
    {
        if (cache.TryGetValue(auditId, out IReadOnlySet<string>? found) && found is not null)
        {
            regions = found;
            return true;
        }

        regions = null!;
        return false;
    }

    public IReadOnlySet<string> Remember(string auditId, IEnumerable<string> regions)
    {
        var set = regions.ToHashSet(StringComparer.Ordinal);
        cache.Set(auditId, (IReadOnlySet<string>)set, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = IdleExpiry });
        return set;
    }

    public void Forget(string auditId) => cache.Remove(auditId);

    public void Dispose() => cache.Dispose();
}
