using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Regions;

namespace Meridian.Testing.Audits;

/// <summary>
/// Builds <see cref="AuditView"/>s as <c>GET /api/audits/{id}</c> returns them: finished (with a
/// report whose aggregates are computed as the orchestration computes them) or still running.
/// </summary>
public sealed class AuditViewBuilder
{
    public const string AuditId = "0199f3a2c4e07b2d8a1e5f6c7d8e9f01";
    public static readonly DateTimeOffset CreatedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly List<RegionOutcome> regions = [];
    private readonly List<string> warnings = [];
    private string url = "https://shop.example/products?id=42";
    private int runs = 3;

    /// <summary>
    /// Six regions as a real audit ends: three completed (good, middling, poor), one failed, one
    /// timed out, one unavailable.
    /// </summary>
    public static AuditViewBuilder SixRegions() =>
        new AuditViewBuilder()
            .Completed("iad", Summary(score: 0.94, lcpMs: 1234.5, fcpMs: 820, tbtMs: 40, cls: 0.012, ttfbMs: 180, speedIndexMs: 1510, scoreMin: 0.91, scoreMax: 0.96))
            .Completed("lhr", Summary(score: 0.71, lcpMs: 2870, fcpMs: 1650, tbtMs: 340, cls: 0.08, ttfbMs: 620, speedIndexMs: 3020, scoreMin: 0.66, scoreMax: 0.74))
            .Completed("syd", Summary(score: 0.42, lcpMs: 5120, fcpMs: 3400, tbtMs: 890, cls: 0.31, ttfbMs: 1950, speedIndexMs: 6230, scoreMin: 0.38, scoreMax: 0.47))
            .Ended("gru", RegionStatus.Failed, "Lighthouse failed in 3 of 3 runs: NO_FCP (the page did not paint any content).")
            .Ended("sin", RegionStatus.TimedOut, "No result by the deadline (10 minutes), neither by callback nor as a fallback blob.")
            .Ended("jnb", RegionStatus.Unavailable, "Fly could not place a machine in jnb: insufficient capacity.");

    public static RegionResultSummary Summary(
        double? score = 0.9,
        double? lcpMs = 2000,
        double? fcpMs = 1000,
        double? tbtMs = 100,
        double? cls = 0.01,
        double? ttfbMs = 200,
        double? speedIndexMs = 1800,
        int runsCompleted = 3,
        double? scoreMin = null,
        double? scoreMax = null) =>
        new(score, fcpMs, lcpMs, tbtMs, cls, speedIndexMs, 3500, ttfbMs, "12.8.0", 1400, runsCompleted, scoreMin ?? score, scoreMax ?? score, null);

    public AuditViewBuilder WithUrl(string value)
    {
        url = value;
        return this;
    }

    public AuditViewBuilder WithRuns(int value)
    {
        runs = value;
        return this;
    }

    public AuditViewBuilder Completed(string region, RegionResultSummary summary)
    {
        regions.Add(new(region, RegionStatus.Completed, null, summary, $"m-{region}", ResultDelivery.Callback));
        return this;
    }

    public AuditViewBuilder Ended(string region, RegionStatus status, string? reason)
    {
        regions.Add(new(region, status, reason, null, null, null));
        return this;
    }

    /// <summary>A region still waiting (Pending or Running): only a running audit has such regions.</summary>
    public AuditViewBuilder Waiting(string region, RegionStatus status = RegionStatus.Pending) => Ended(region, status, null);

    public AuditViewBuilder WithWarning(string warning)
    {
        warnings.Add(warning);
        return this;
    }

    /// <summary>A finished audit: its report holds the outcomes and their aggregates.</summary>
    public AuditView BuildCompleted()
    {
        var startedAt = CreatedAt.UtcDateTime;
        var report = new AuditReport(
            AuditId, url, FormFactor.Mobile, runs, startedAt, startedAt.AddSeconds(312), [.. regions], AuditReportBuilder.Aggregate(regions), [.. warnings]);
        return State("completed", AuditProgressPhase.Completed, report, failure: null);
    }

    /// <summary>An audit still running: live region states and no report.</summary>
    public AuditView BuildRunning(AuditProgressPhase phase = AuditProgressPhase.Running) => State("running", phase, report: null, failure: null);

    /// <summary>An audit whose orchestration failed: no report, and why.</summary>
    public AuditView BuildFailed(string failure) => State("failed", phase: null, report: null, failure);

    private AuditView State(string status, AuditProgressPhase? phase, AuditReport? report, string? failure) =>
        new(
            AuditId,
            status,
            phase,
            url,
            FormFactor.Mobile,
            runs,
            CreatedAt,
            MonitorId: null,
            [.. regions.Select(r => new RegionView(r.Region, r.Status, r.Reason, r.Summary))],
            report,
            failure);
}
