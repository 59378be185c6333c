using Meridian.Local.FlyStandIn;

namespace Meridian.Local.Hosting;

/// <summary>What a stand-in machine runs: the real worker (its own build output, copied to worker/ next to this program).</summary>
public static class LocalWorker
{
    /// <param name="allowPrivateTargets">Whether the worker's own check lets 127.0.0.1 and private networks through: only when this run allows them.</param>
    public static ImageCommand Command(bool allowPrivateTargets) => new(
        "env",
        [$"MERIDIAN_ALLOW_PRIVATE_TARGETS={(allowPrivateTargets ? "true" : "false")}", "dotnet", Path.Combine(AppContext.BaseDirectory, "worker", "Meridian.Worker.dll")]);
}
