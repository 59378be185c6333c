using Microsoft.Extensions.Options;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// The machine sizes Fly offers (its presets, as fly-go lists them): shared 1, 2, 4, 6 or 8 CPUs with
/// 256–2,048 MB per CPU; performance 1, 2, 4, 6 … 16 CPUs with 2,048–8,192 MB per CPU; memory in
/// multiples of 256 MB. Checked at start-up, so a bad size fails there and not when an audit runs.
/// </summary>
public sealed class FlyMachineSize : IValidateOptions<FlyOptions>
{
    private const int MemoryStepMb = 256;

    private static readonly int[] SharedCpus = [1, 2, 4, 6, 8];
    private static readonly int[] PerformanceCpus = [1, 2, 4, 6, 8, 10, 12, 14, 16];

    /// <summary>What is wrong with the size, naming the settings, or null when Fly offers it.</summary>
    public static string? Problem(string cpuKind, int cpus, int memoryMb)
    {
        var (allowed, minPerCpu, maxPerCpu) = cpuKind switch
        {
            "shared" => (SharedCpus, 256, 2048),
            "performance" => (PerformanceCpus, 2048, 8192),
            _ => (null, 0, 0),
        };
        if (allowed is null)
        {
            return $"Fly__CpuKind must be 'shared' or 'performance', not '{cpuKind}'.";
        }

        if (!allowed.Contains(cpus))
        {
            return $"Fly__Cpus: {cpuKind} machines have {string.Join(", ", allowed)} CPUs, not {cpus}.";
        }

        if (memoryMb % MemoryStepMb != 0 || memoryMb < cpus * minPerCpu || memoryMb > cpus * maxPerCpu)
        {
            return $"Fly__MemoryMb: a {cpuKind} machine with {cpus} CPU(s) takes {cpus * minPerCpu} to {cpus * maxPerCpu} MB in steps of {MemoryStepMb}, not {memoryMb}.";
        }

        return null;
    }

    public ValidateOptionsResult Validate(string? name, FlyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Problem(options.CpuKind, options.Cpus, options.MemoryMb) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
