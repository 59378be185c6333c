using System.CommandLine;
using Meridian.Local.Hosting;
using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary>What both commands do first: find the clone, check the machine, start the local cloud with progress.</summary>
public static class LocalSetup
{
    /// <summary>
    /// <c>--data</c>: where Azurite keeps blobs, queues and tables (the Durable task hub with them), and
    /// where reports are written. A host started again on the same folder resumes what it was running.
    /// </summary>
    public static Option<string?> DataOption() =>
        new("--data") { Description = "Folder for Azurite's data (blobs and the Durable task hub) and the reports (default: .meridian/ in the clone)." };

    /// <summary>The options for this clone, or null (with what to do printed) when something is missing.</summary>
    /// <param name="dataDirectory">The <c>--data</c> folder; null for <c>.meridian/</c> in the clone.</param>
    public static LocalCloudOptions? Options(IAnsiConsole console, bool allowPrivateTargets, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = RepositoryLayout.FindRoot();
        if (root is null)
        {
            console.MarkupLine("[red]Run this from a clone of the repository (no Functions.sln above the program).[/]");
            return null;
        }

        var nodeModules = RepositoryLayout.NodeModulesDirectory(root);
        var missing = Prerequisites.Missing(nodeModules);
        foreach (var line in missing)
        {
            console.MarkupLine($"[red]Missing:[/] {Markup.Escape(line)}");
        }

        if (missing.Count > 0)
        {
            return null;
        }

        if (allowPrivateTargets)
        {
            console.MarkupLine("[yellow]Warning: private targets are allowed for this run (127.0.0.1 and private networks). Local use only.[/]");
        }

        return new LocalCloudOptions
        {
            DataDirectory = dataDirectory is null ? RepositoryLayout.DataDirectory(root) : Path.GetFullPath(dataDirectory),
            NodeModulesDirectory = nodeModules,
            AllowPrivateTargets = allowPrivateTargets,
        };
    }

    /// <returns>The running local cloud, or null (with why printed) when another host holds the data folder or a signal stopped the start.</returns>
    public static async Task<LocalCloud?> StartAsync(IAnsiConsole console, LocalCloudOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        LocalCloud? cloud = null;
        try
        {
            await console.Status().StartAsync("Starting", async status =>
                cloud = await LocalCloud.StartAsync(options, step => status.Status(step), cancellationToken));
        }
        catch (DataFolderInUseException inUse)
        {
            console.MarkupLine($"[red]{Markup.Escape(inUse.Message)}[/]");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C while starting: what had started has been stopped by LocalCloud.StartAsync.
            console.MarkupLine("Stopped while starting; nothing ran.");
        }

        return cloud;
    }

    /// <summary>Says how to stop, then waits until Ctrl+C or SIGTERM; everything the command started stops after it.</summary>
    public static async Task UntilStoppedAsync(IAnsiConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine("Press Ctrl+C to stop; everything started here stops with it.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
