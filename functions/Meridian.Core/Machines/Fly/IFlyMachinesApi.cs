using System.Text.Json;
using Refit;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// The Fly Machines REST API (<c>https://api.machines.dev/v1</c>), the endpoints Meridian uses.
/// Non-success responses throw Refit's <see cref="ApiException"/>; <see cref="FlyApiError"/> classifies them.
/// </summary>
public interface IFlyMachinesApi
{
    [Post("/apps/{appName}/machines")]
    Task<Machine> CreateMachineAsync(string appName, [Body] CreateMachineRequest request, CancellationToken cancellationToken);

    [Get("/apps/{appName}/machines/{machineId}")]
    Task<Machine> GetMachineAsync(string appName, string machineId, CancellationToken cancellationToken);

    /// <summary>Long-polls until the machine is in <paramref name="state"/>; 408 when <paramref name="timeout"/> (seconds, at most 60) passes first.</summary>
    [Get("/apps/{appName}/machines/{machineId}/wait")]
    Task WaitForStateAsync(string appName, string machineId, string state, int timeout, CancellationToken cancellationToken);

    [Post("/apps/{appName}/machines/{machineId}/stop")]
    Task StopMachineAsync(string appName, string machineId, [Body] StopMachineRequest request, CancellationToken cancellationToken);

    [Post("/apps/{appName}/machines/{machineId}/start")]
    Task StartMachineAsync(string appName, string machineId, CancellationToken cancellationToken);

    /// <summary>Destroys the machine, killing it if it still runs (<c>force=true</c>; without it Fly refuses to delete a running machine).</summary>
    [Delete("/apps/{appName}/machines/{machineId}?force=true")]
    Task DestroyMachineAsync(string appName, string machineId, CancellationToken cancellationToken);

    /// <summary>
    /// Machines of the app, filtered by region and by metadata (<c>metadata.{key}={value}</c>), each
    /// left as JSON: <see cref="FlyMachineList.Read"/> reads them one at a time.
    /// </summary>
    [Get("/apps/{appName}/machines")]
    Task<List<JsonElement>> ListMachinesAsync(
        string appName,
        string? region,
        [Query(".", "metadata")] IDictionary<string, string>? metadata,
        CancellationToken cancellationToken);

    [Get("/platform/regions")]
    Task<PlatformRegionsResponse> ListPlatformRegionsAsync(CancellationToken cancellationToken);
}
