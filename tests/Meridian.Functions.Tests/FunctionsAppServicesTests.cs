using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Machines.Storage;
using Meridian.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Functions.Tests;

/// <summary>
/// Every service the Functions app registers can be built, as the host checks only in Development and
/// only by crashing the worker at start-up ("Exceeded language worker restart retry count").
/// </summary>
public sealed class FunctionsAppServicesTests
{
    private static readonly ServiceProviderOptions AsDevelopmentChecks = new() { ValidateOnBuild = true, ValidateScopes = true };

    [Fact]
    public void Every_registration_of_the_app_resolves()
    {
        var builder = FunctionsApplication.CreateBuilder([]).AddMeridian();

        // Building is the check (it throws for any service that cannot be made); the sweeper that once broke it is among them.
        using var services = builder.Services.BuildServiceProvider(AsDevelopmentChecks);

        Assert.Contains(builder.Services, service => service.ServiceType == typeof(Core.Machines.Fly.OrphanMachineSweeper));
    }

    [Fact]
    public void Creates_take_their_turns_from_the_budget_in_blob_storage_which_every_instance_of_the_app_shares()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fly:AppName"] = "meridian-workers",
            ["Fly:WorkerImage"] = "registry.fly.io/meridian-workers:1",
            ["Fly:ApiToken"] = "token",
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
        });
        builder.AddMeridian();
        using var services = builder.Services.BuildServiceProvider(AsDevelopmentChecks);

        Assert.IsType<BlobCreateBudget>(services.GetRequiredService<ICreateBudget>());
    }

    /// <summary>The check above is live: a service needing the orchestration client, which only triggers' bindings supply, fails it.</summary>
    [Fact]
    public void A_service_needing_what_the_app_never_registers_fails_the_check()
    {
        var builder = FunctionsApplication.CreateBuilder([]).AddMeridian();
        builder.Services.AddTransient<NeedsOrchestrationClient>();

        var error = Assert.Throws<AggregateException>(() => builder.Services.BuildServiceProvider(AsDevelopmentChecks));

        Assert.Contains(nameof(DurableTaskClient), error.Message, StringComparison.Ordinal);
    }

    private sealed class NeedsOrchestrationClient(DurableTaskClient client)
    {
        public DurableTaskClient Client { get; } = client;
    }
}
