using Microsoft.Extensions.Logging;

namespace Meridian.FlyStandIn.Machines;

/// <summary>What every machine of one stand-in shares.</summary>
/// <param name="Lifetime">Cancelled when the stand-in stops: boots and pending destroys are dropped.</param>
internal sealed record MachineHost(FlyStandInOptions Options, MachineLauncher Launcher, TimeProvider Time, ILogger Logger, CancellationToken Lifetime);
