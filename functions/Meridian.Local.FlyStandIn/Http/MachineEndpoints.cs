using System.Text.Json;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Local.FlyStandIn.Machines;
using Meridian.Local.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary><c>/apps/{app}/machines</c>: create, get, wait, stop, start, delete and list, as Fly's behave.</summary>
internal static class MachineEndpoints
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static void MapMachines(this IEndpointRouteBuilder v1)
    {
        var machines = v1.MapGroup("/apps/{app}/machines");
        machines.MapPost("", CreateAsync).Gated(FlyAction.Create);
        machines.MapGet("", List).Gated(FlyAction.List);
        machines.MapGet("/{id}", Get).Gated(FlyAction.Get);
        machines.MapGet("/{id}/wait", WaitAsync).Gated(FlyAction.Wait);
        machines.MapPost("/{id}/stop", StopAsync).Gated(FlyAction.Stop);
        machines.MapPost("/{id}/start", Start).Gated(FlyAction.Start);
        machines.MapDelete("/{id}", DeleteAsync).Gated(FlyAction.Delete);
    }

    private static async Task<IResult> CreateAsync(
        HttpRequest request, MachineRegistry registry, MachineLauncher launcher, FaultPlan faults, MachineJson json)
    {
        CreateMachineRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, FlyJsonContext.Default.CreateMachineRequest, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return ApiErrors.BadRequest($"invalid request body: {e.Message}");
        }

        if (body is null)
        {
            return ApiErrors.BadRequest("invalid request body: a machine is required");
        }

        if (!RegionCatalog.TryGet(body.Region, out var region))
        {
            return ApiErrors.Unprocessable($"invalid region '{body.Region}'");
        }

        if (!launcher.IsKnownImage(body.Config.Image))
        {
            return ApiErrors.Unprocessable(
                $"unknown image '{body.Config.Image}': this Fly stand-in runs only the images it is configured with ({string.Join(", ", launcher.KnownImages)})");
        }

        if (faults.ForRegion(region.Code).CapacityError is { } capacityError)
        {
            return CapacityErrors.For(capacityError, region.Code);
        }

        var created = registry.Create(body.Name, region.Code, body.Config);
        return created switch
        {
            // Fly's own words, as clients that parse the holder's id out of them have measured them.
            { Refusal: CreateRefusal.NameTaken, Machine: { } holder } => ApiErrors.Error(
                StatusCodes.Status409Conflict, $"already_exists: unique machine name violation, machine ID {holder.Id} already exists with name \"{body.Name}\""),
            { Refusal: null, Machine: not null } when faults.TakeLostCreateAnswer() => ApiErrors.Error(
                StatusCodes.Status502BadGateway, "the answer was lost on its way back (the machine was created)", "bad_gateway"),
            { Refusal: null, Machine: { } machine } => json.One(machine),
            _ => ApiErrors.Error(StatusCodes.Status503ServiceUnavailable, "the Fly stand-in is stopping", "unavailable"),
        };
    }

    private static IResult Get(string id, MachineRegistry registry, ForeignMachines foreign, MachineJson json) =>
        registry.FindLive(id) is { } machine ? json.One(machine)
        : foreign.Find(id) is { } other ? MachineJson.Foreign(other)
        : ApiErrors.MachineNotFound();

    private static async Task<IResult> WaitAsync(string id, HttpContext context, MachineRegistry registry, FaultPlan faults)
    {
        var query = context.Request.Query;
        var state = query["state"].Count > 0 ? query["state"].ToString() : MachineStates.Started;
        if (!MachineStates.IsWaitable(state))
        {
            return ApiErrors.BadRequest($"invalid state '{state}': wait for started, stopped or destroyed");
        }

        var timeout = MaxWait;
        if (query["timeout"].Count > 0
            && !(GoDuration.TryParse(query["timeout"], out timeout) && timeout > TimeSpan.Zero && timeout <= MaxWait))
        {
            return ApiErrors.BadRequest($"invalid timeout '{query["timeout"]}': seconds from 1 to 60");
        }

        if (registry.FindLive(id) is not { } machine)
        {
            return ApiErrors.MachineNotFound();
        }

        switch (faults.ForRegion(machine.Region).WaitRefusedWith)
        {
            case 400:
                return ApiErrors.BadRequest($"machine is {machine.State} and will not reach state {state}");
            case 412:
                return ApiErrors.FailedPrecondition($"machine {id} instance_id is no longer current: the machine was replaced");
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, registry.Lifetime);
        WaitOutcome outcome;
        try
        {
            outcome = await machine.WaitForStateAsync(state, timeout, ended.Token);
        }
        catch (OperationCanceledException)
        {
            return ApiErrors.Error(StatusCodes.Status503ServiceUnavailable, "the Fly stand-in is stopping", "unavailable");
        }

        return outcome switch
        {
            WaitOutcome.Reached => StandInJsonContext.Ok(),
            WaitOutcome.TimedOut => ApiErrors.Error(
                StatusCodes.Status408RequestTimeout, $"deadline_exceeded: machine did not reach state {state}", "deadline_exceeded"),
            WaitOutcome.Unreachable => ApiErrors.BadRequest($"machine is {machine.State} and will not reach state {state}"),
            _ => ApiErrors.MachineNotFound(),
        };
    }

    private static async Task<IResult> StopAsync(string id, HttpRequest request, MachineRegistry registry, FlyStandInOptions options)
    {
        StopMachineRequest? body = null;
        using (var reader = new StreamReader(request.Body))
        {
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            try
            {
                body = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize(text, FlyJsonContext.Default.StopMachineRequest);
            }
            catch (JsonException e)
            {
                return ApiErrors.BadRequest($"invalid request body: {e.Message}");
            }
        }

        if (registry.FindLive(id) is not { } machine)
        {
            return ApiErrors.MachineNotFound();
        }

        // Fly's order: the request, then the machine's stop_config, then the default.
        var signalName = body?.Signal ?? machine.Config.StopConfig?.Signal ?? "SIGTERM";
        if (!Signals.TryParse(signalName, out var signal))
        {
            return ApiErrors.BadRequest($"invalid signal '{signalName}'");
        }

        var timeout = options.DefaultStopTimeout;
        var timeoutText = body?.Timeout ?? machine.Config.StopConfig?.Timeout;
        if (timeoutText is not null && !GoDuration.TryParse(timeoutText, out timeout))
        {
            return ApiErrors.BadRequest($"invalid timeout '{timeoutText}': a duration such as \"30s\"");
        }

        return machine.Stop(signal, timeout) == CommandOutcome.Done ? StandInJsonContext.Ok() : ApiErrors.MachineNotFound();
    }

    private static IResult Start(string id, MachineRegistry registry)
    {
        if (registry.FindLive(id) is not { } machine)
        {
            return ApiErrors.MachineNotFound();
        }

        return machine.Start(out var previousState) switch
        {
            CommandOutcome.Done => Results.Json(new StartMachineResponse(previousState, false, string.Empty), StandInJsonContext.Default.StartMachineResponse),
            CommandOutcome.AutoDestroying => ApiErrors.FailedPrecondition("machine is destroyed when it stops (auto_destroy), it cannot be started again"),
            _ => ApiErrors.MachineNotFound(),
        };
    }

    private static async Task<IResult> DeleteAsync(string id, HttpRequest request, MachineRegistry registry, ForeignMachines foreign)
    {
        if (registry.FindLive(id) is not { } machine)
        {
            return foreign.Remove(id) ? StandInJsonContext.Ok() : ApiErrors.MachineNotFound();
        }

        // Fly's docs name the parameter force; flyctl sends kill=true. Both mean the same.
        var force = IsTrue(request.Query["force"]) || IsTrue(request.Query["kill"]);
        return await machine.DeleteAsync(force) switch
        {
            CommandOutcome.Done => StandInJsonContext.Ok(),
            CommandOutcome.StillActive => ApiErrors.FailedPrecondition("machine still active, refusing to delete"),
            _ => ApiErrors.MachineNotFound(),
        };
    }

    private static bool IsTrue(string? value) => bool.TryParse(value, out var parsed) && parsed;

    /// <summary>Filters: <c>region=</c> and any number of <c>metadata.KEY=VALUE</c>; destroyed machines are left out.</summary>
    private static IResult List(HttpRequest request, MachineRegistry registry, ForeignMachines foreign, MachineJson json)
    {
        const string metadataPrefix = "metadata.";
        var region = request.Query["region"].ToString();
        var metadata = request.Query
            .Where(parameter => parameter.Key.StartsWith(metadataPrefix, StringComparison.Ordinal))
            .Select(parameter => (Key: parameter.Key[metadataPrefix.Length..], Value: parameter.Value.ToString()))
            .ToList();

        var found = registry.All().Where(machine =>
            machine.State != MachineStates.Destroyed
            && (region.Length == 0 || string.Equals(machine.Region, region, StringComparison.OrdinalIgnoreCase))
            && metadata.All(filter => machine.Config.Metadata?.GetValueOrDefault(filter.Key) == filter.Value));
        return json.Many(found, foreign.Matching(region, metadata));
    }
}
