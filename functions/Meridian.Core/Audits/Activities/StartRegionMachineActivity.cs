using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Core.Configuration;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Audits.Activities;

/// <param name="Deadline">The audit's deadline; the worker stops trying to deliver after it.</param>
public sealed record StartRegionMachineInput(
    string AuditId,
    string Region,
    Uri Url,
    FormFactor FormFactor,
    int Runs,
    DateTime Deadline);

/// <summary>Creates the machine that audits the page from one region.</summary>
public sealed partial class StartRegionMachineActivity(
    IRegionMachines machines,
    IWorkerUploadUrlIssuer uploadUrls,
    IOptions<MeridianOptions> options,
    ILogger<StartRegionMachineActivity> logger) : CancellableActivity<StartRegionMachineInput, MachineStartResult>
{
    /// <summary>
    /// How long after the deadline the worker's upload URLs stay valid: covers clock skew between the
    /// machine and the app, and a report still uploading as the deadline passes.
    /// </summary>
    public static readonly TimeSpan UploadGrace = TimeSpan.FromMinutes(5);

    public override async Task<MachineStartResult> RunAsync(StartRegionMachineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var deadline = new DateTimeOffset(DateTime.SpecifyKind(input.Deadline, DateTimeKind.Utc));
        var signingKey = CallbackSigningKey.Derive(options.Value.CallbackMasterKey(), input.AuditId, input.Region);
        var job = new WorkerJob(
            input.AuditId,
            input.Region,
            input.Url,
            input.FormFactor,
            input.Runs,
            CallbackUrlFor(options.Value.CallbackBaseUrl, input.AuditId, input.Region),
            CallbackSigningKey.ToText(signingKey),
            await uploadUrls.IssueAsync(input.AuditId, input.Region, deadline + UploadGrace, cancellationToken),
            deadline);

        var result = await machines.StartAsync(job, cancellationToken);
        LogStart(logger, input.AuditId, input.Region, result.Status, result.MachineId, result.Reason);
        return result;
    }

    /// <summary>The worker's callback route: <c>{base}/api/audits/{auditId}/regions/{region}/result</c>.</summary>
    public static Uri CallbackUrlFor(Uri callbackBaseUrl, string auditId, string region) =>
        new(callbackBaseUrl, $"api/audits/{Uri.EscapeDataString(auditId)}/regions/{Uri.EscapeDataString(region)}/result");

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditId} region {Region}: machine {Status} {MachineId} {Reason}")]
    private static partial void LogStart(ILogger logger, string auditId, string region, MachineStartStatus status, string? machineId, string? reason);
}
