using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Local.Processes;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>Turns a machine into a local process: its image's command (or a region's fault) and Fly's environment.</summary>
internal sealed class MachineLauncher(FlyStandInOptions options, FaultPlan faults, TimeProvider time)
{
    public bool IsKnownImage(string image) => options.Images.ContainsKey(image);

    public IEnumerable<string> KnownImages => options.Images.Keys;

    public TimeSpan BootDelay(string region) => faults.ForRegion(region).BootDelay ?? options.BootDelay;

    public bool LaunchFails(string region) => faults.ForRegion(region).LaunchFails;

    /// <exception cref="System.ComponentModel.Win32Exception">The command could not be started.</exception>
    /// <exception cref="KeyNotFoundException">The image was removed from the map since the create.</exception>
    public GroupLeaderProcess Start(string machineId, string region, MachineConfig config, OutputBuffer output)
    {
        // Faults are read at boot, not at create, so a test can change a region's fault for the next boot.
        var command = FaultCommands.For(faults.ForRegion(region)) ?? options.Images[config.Image];
        var environment = new Dictionary<string, string?>((config.Env ?? new Dictionary<string, string>()).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)), StringComparer.Ordinal)
        {
            // Set last: a machine's own env cannot change what Fly says about the machine.
            ["FLY_APP_NAME"] = options.AppName,
            ["FLY_MACHINE_ID"] = machineId,
            ["FLY_ALLOC_ID"] = machineId,
            ["FLY_REGION"] = region,
            ["FLY_IMAGE_REF"] = config.Image,
        };
        return GroupLeaderProcess.Start(
            command.FileName,
            command.Arguments,
            environment,
            command.WorkingDirectory,
            (line, isStandardError) => output.Add(new MachineOutputLine(time.GetUtcNow(), isStandardError, line)));
    }
}
