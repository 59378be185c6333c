using System.Diagnostics;

namespace Meridian.Infrastructure.Tests.Support;

/// <summary>What one bicep command printed. Diagnostics (warnings and errors alike) go to standard error.</summary>
public sealed record BicepResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"bicep {Command} exited {ExitCode}\n{StandardError}";
}

/// <summary>Runs the Bicep CLI of the NuGet package. It needs no network: no registry modules, no online linter rule.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> Executable = new(RunnableExecutable);

    public static async Task<BicepResult> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // main.bicepparam reads the secrets from MERIDIAN_* variables: the tests must not depend on the shell's.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MERIDIAN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start.");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        return new BicepResult(string.Join(' ', arguments), process.ExitCode, await standardOutput, await standardError);
    }

    /// <summary>
    /// The packaged executable, or a copy of it marked executable: NuGet's extraction can drop the
    /// executable bit, and the package folder is better left as NuGet wrote it.
    /// </summary>
    private static string RunnableExecutable()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The tests run the linux-x64 Bicep CLI package.");
        }

        var packaged = BuildPaths.BicepExecutable;
        if (!File.Exists(packaged))
        {
            throw new FileNotFoundException("The Bicep CLI is missing: restore Azure.Bicep.CommandLine.linux-x64.", packaged);
        }

        if (File.GetUnixFileMode(packaged).HasFlag(UnixFileMode.UserExecute))
        {
            return packaged;
        }

        var version = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(packaged)));
        var copy = Path.Combine(Path.GetTempPath(), $"meridian-bicep-{version}", "bicep");
        if (!File.Exists(copy) || new FileInfo(copy).Length != new FileInfo(packaged).Length)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(packaged, copy, overwrite: true);
        }

        File.SetUnixFileMode(copy, File.GetUnixFileMode(copy) | UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return copy;
    }
}
