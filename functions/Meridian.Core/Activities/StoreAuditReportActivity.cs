using Meridian.Core.Audits;

namespace Meridian.Core.Activities;

/// <summary>Stores the finished audit report.</summary>
public sealed class StoreAuditReportActivity(IAuditReportStore reports)
{
    public async Task<bool> RunAsync(AuditReport report, CancellationToken cancellationToken)
    {
        await reports.SaveAsync(report, cancellationToken);
        return true;
    }
}
