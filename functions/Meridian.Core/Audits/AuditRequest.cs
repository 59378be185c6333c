using Meridian.Contract.Jobs;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits;

/// <summary>
/// An audit as a user asked for it, before validation. Every member is optional here so that the
/// validator can report every problem at once; <see cref="AuditRequestValidator"/> turns it into an
/// <see cref="AuditSpec"/>.
/// </summary>
/// <param name="Url">The page to audit (http or https).</param>
/// <param name="Regions">Fly region codes; null means <see cref="Regions.RegionCatalog.DefaultRegionCodes"/>.</param>
/// <param name="FormFactor">"mobile" (default) or "desktop".</param>
/// <param name="Runs">Lighthouse runs per region, odd from 1 to 9 (default 3); the median run is reported.</param>
/// <param name="DeadlineMinutes">How long to wait for the regions, 2 to 30 (default 10).</param>
public sealed record AuditRequest(
    string? Url,
    IReadOnlyList<string>? Regions = null,
    string? FormFactor = null,
    int? Runs = null,
    int? DeadlineMinutes = null);
