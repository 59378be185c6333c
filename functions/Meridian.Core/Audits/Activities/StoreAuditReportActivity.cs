namespace Meridian.Core.Audits.Activities;

/// <summary>Stores the finished audit report.</summary>
public sealed class StoreAuditReportActivity(IAuditReportStore reports) : CancellableActivity<AuditReport, bool>
{
    public override async Task<bool> RunAsync(AuditReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await reports.SaveAsync(report, cancellationToken);
        return true;
    }
}
