using DurableTask.Core.Exceptions;
using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Core;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Regions;
using Meridian.Local.TaskHub;
using Meridian.Testing.Orchestration;
using Meridian.Testing.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.Tests.TaskHub;

/// <summary>
/// The local host's engine as it is wired: DurableTask.Core on the Azure Storage backend (Azurite), the
/// audit's real task classes from <see cref="AuditTasks"/>, their services from the container, and the
/// client the HTTP handlers use. Each test has a task hub of its own.
/// </summary>
public sealed class LocalEngineTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly AuditSpec Spec = new(new Uri("https://shop.example/"), ["iad", "lhr", "syd"], FormFactor.Mobile, 3, TimeSpan.FromMinutes(10));

    [Fact]
    public async Task The_audits_task_classes_run_with_their_services_from_the_container()
    {
        var machines = new InMemoryRegionMachines();
        var reports = new InMemoryAuditReportStore();
        using var host = await StartAsync(services => services.AddSingleton<IRegionMachines>(machines).AddSingleton<IAuditReportStore>(reports));
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var auditId = NewAuditId();

        await StartAuditAsync(client, auditId);
        await Eventually.ProgressAsync(client, auditId, progress => progress.Regions.All(region => region.Status == RegionStatus.Running));
        await AnswerEveryRegionAsync(client, auditId);
        var finished = await WaitAsync(client, auditId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(3, finished.ReadOutputAs<AuditReport>()!.Aggregates.Completed);
        Assert.Equal(auditId, Assert.Single(reports.Saved).AuditId);
        Assert.Equal(
            new Uri($"https://meridian.example/api/audits/{auditId}/regions/syd/result"),
            machines.Jobs.Single(job => job.Region == "syd").CallbackUrl);
    }

    [Fact]
    public async Task A_monitors_audit_is_recorded_in_the_monitors_history()
    {
        const string monitorId = "mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5";
        var monitors = new OneMonitorStore(new MonitorDocument(
            monitorId,
            new MonitorDefinition(null, Spec.Url, Spec.Regions, Spec.FormFactor, Spec.Runs, new MonitorSchedule(IntervalMinutes: 15), true, null, null),
            Revision: 1,
            DateTimeOffset.UtcNow,
            DateTimeOffset.UtcNow,
            new MonitorScheduleState(null),
            History: [],
            new MonitorAlertState(),
            Deliveries: []));
        using var host = await StartAsync(services => services.AddSingleton<IMonitorStore>(monitors));
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var auditId = NewAuditId();

        await StartAuditAsync(client, auditId, monitorId);
        await Eventually.ProgressAsync(client, auditId, progress => progress.Regions.All(region => region.Status == RegionStatus.Running));
        await AnswerEveryRegionAsync(client, auditId);
        var finished = await WaitAsync(client, auditId);

        Assert.Empty(finished.ReadOutputAs<AuditReport>()!.Warnings);
        var run = Assert.Single(monitors.Monitor.History);
        Assert.Equal((auditId, 0.9), (run.AuditId, run.MedianPerformanceScore));
        Assert.Equal(["iad", "lhr", "syd"], run.Regions.Select(region => region.Region));
    }

    [Fact]
    public async Task An_instance_started_without_input_fails_with_a_readable_reason()
    {
        using var host = await StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var auditId = NewAuditId();

        await client.ScheduleNewOrchestrationInstanceAsync(nameof(AuditOrchestration), input: null, new StartOrchestrationOptions(InstanceId: auditId));
        var finished = await WaitAsync(client, auditId);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, finished.RuntimeStatus);
        Assert.Contains("started without an AuditOrchestrationInput", finished.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_start_of_a_running_audit_is_refused_and_a_finished_one_may_start_again()
    {
        using var host = await StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var auditId = NewAuditId();
        await StartAuditAsync(client, auditId);
        await Eventually.ProgressAsync(client, auditId, progress => progress.Regions.All(region => region.Status == RegionStatus.Running));

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => StartAuditAsync(client, auditId));
        await client.TerminateInstanceAsync(auditId);
        await WaitAsync(client, auditId);
        await StartAuditAsync(client, auditId);

        var restarted = await client.WaitForInstanceStartAsync(auditId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, restarted.RuntimeStatus);
    }

    private static string NewAuditId() => Guid.CreateVersion7().ToString("N");

    private static Task<string> StartAuditAsync(DurableTaskClient client, string auditId, string? monitorId = null) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            nameof(AuditOrchestration),
            new AuditOrchestrationInput(Spec, CreatePacing.FlyDefault, monitorId, AuditRetries.Default),
            new StartOrchestrationOptions(InstanceId: auditId));

    /// <summary>What the callback handler does once a worker's signed result has been checked.</summary>
    private static async Task AnswerEveryRegionAsync(DurableTaskClient client, string auditId)
    {
        foreach (var region in Spec.Regions)
        {
            await client.RaiseEventAsync(auditId, AuditOrchestration.RegionResultEventName(region), AuditScenario.Result(auditId, region));
        }
    }

    private static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string auditId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await client.WaitForInstanceCompletionAsync(auditId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>The local host's services around in-memory ports, the engine on a task hub of this test's own.</summary>
    private async Task<IHost> StartAsync(Action<IServiceCollection>? ports = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Meridian:CallbackBaseUrl"] = "https://meridian.example/",
                ["Meridian:CallbackSigningKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]),
            })
            .Build();
        builder.Services
            .AddMeridianCore(settings)
            .AddSingleton<IRegionMachines>(new InMemoryRegionMachines())
            .AddSingleton<IWorkerUploadUrlIssuer, FixedUploadUrls>()
            .AddSingleton<IDeliveredResults, NoStoredResults>()
            .AddSingleton<IAuditReportStore>(new InMemoryAuditReportStore());
        ports?.Invoke(builder.Services);
        builder.Services.AddLocalDurableTask(azurite.Server.ConnectionString, $"Engine{Guid.NewGuid():N}"[..22], tasks => tasks.AddAuditTasks());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
