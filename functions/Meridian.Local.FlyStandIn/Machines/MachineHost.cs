using Meridian.Local.Processes;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>What every machine of one stand-in shares.</summary>
/// <param name="ProcessGroups">Where running machines' process groups are recorded (<see cref="FlyStandInOptions.StateDirectory"/>); null when nowhere.</param>
/// <param name="Lifetime">Cancelled when the stand-in stops: boots and pending destroys are dropped.</param>
internal sealed record MachineHost(
    FlyStandInOptions Options, MachineLauncher Launcher, TimeProvider Time, ILogger Logger, LeftoverProcessGroups? ProcessGroups, CancellationToken Lifetime);
