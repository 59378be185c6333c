using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Regions;

namespace Meridian.Core.Tests.Monitors.Alerts;

/// <summary>A monitor of https://shop.example/ from iad, lhr and syd, and audits of it, for the alert tests.</summary>
internal static class AlertTestData
{
    public const string MonitorId = "mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5";
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly Uri Webhook = new("https://hooks.example/meridian");

    /// <summary>Alerts when any region's LCP is above 2,500 ms.</summary>
    public static readonly AlertThresholds RegionLcp = new(EachRegion: new MetricLimits(MaxLcpMs: 2500));

    public static MonitorDocument Monitor(AlertThresholds? thresholds = null, Uri? webhook = null, string? name = "Shop home") =>
        new(
            MonitorId,
            new MonitorDefinition(
                name,
                new Uri("https://shop.example/"),
                ["iad", "lhr", "syd"],
                FormFactor.Mobile,
                Runs: 3,
                new MonitorSchedule(IntervalMinutes: 15),
                Enabled: true,
                thresholds ?? RegionLcp,
                webhook ?? Webhook),
            Revision: 1,
            CreatedAt: Now.AddDays(-1),
            UpdatedAt: Now.AddDays(-1),
            new MonitorScheduleState(Now.AddMinutes(15)),
            History: [],
            new MonitorAlertState(),
            Deliveries: []);

    /// <summary>The monitor's audit number <paramref name="number"/>, finished 15 minutes after the previous one.</summary>
    public static AuditReport Audit(int number, params RegionOutcome[] regions)
    {
        var startedAt = Now.UtcDateTime.AddMinutes(15 * number);
        return AuditReportBuilder.Build(
            AuditId(number),
            new AuditSpec(new Uri("https://shop.example/"), regions.Select(r => r.Region).ToList(), FormFactor.Mobile, 3, AuditSpec.DefaultDeadline),
            startedAt,
            startedAt.AddMinutes(2),
            regions,
            warnings: []);
    }

    /// <summary>Every region fast (LCP 1,800 ms): no limit broken.</summary>
    public static AuditReport FastAudit(int number) => Audit(number, Completed("iad"), Completed("lhr"), Completed("syd"));

    /// <summary>syd slow (LCP 4,210 ms): breaks <see cref="RegionLcp"/>.</summary>
    public static AuditReport SlowAudit(int number) => Audit(number, Completed("iad"), Completed("lhr"), Completed("syd", lcpMs: 4210));

    /// <summary>No region completed: says nothing about speed.</summary>
    public static AuditReport FailedAudit(int number) =>
        Audit(number, Failed("iad"), Outcome("lhr", RegionStatus.TimedOut), Outcome("syd", RegionStatus.Unavailable));

    public static string AuditId(int number) => $"audit-{number:000}";

    public static RegionOutcome Completed(string region, double? score = 0.9, double? lcpMs = 1800, double? tbtMs = 100, double? cls = 0.02) =>
        new(
            region,
            RegionStatus.Completed,
            Reason: null,
            new RegionResultSummary(score, 900, lcpMs, tbtMs, cls, 1500, 2500, 180, "12.8.0", 1500, 3, score, score, $"{region}.json.gz"),
            $"machine-{region}",
            ResultDelivery.Callback);

    public static RegionOutcome Failed(string region) => Outcome(region, RegionStatus.Failed);

    private static RegionOutcome Outcome(string region, RegionStatus status) =>
        new(region, status, "It did not work out.", Summary: null, MachineId: null, Delivery: null);

    /// <summary>Applies the audits in order, each recorded 15 minutes after the previous one; returns every recording.</summary>
    public static List<MonitorRunRecording> Record(MonitorDocument monitor, params AuditReport[] audits)
    {
        var recordings = new List<MonitorRunRecording>();
        foreach (var (audit, index) in audits.Select((audit, index) => (audit, index)))
        {
            var recording = MonitorRunRecorder.Apply(monitor, audit, Now.AddMinutes(15 * (index + 1)));
            recordings.Add(recording);
            monitor = recording.Monitor;
        }

        return recordings;
    }
}
