using System.CommandLine;
using Meridian.Core.Audits;
using Meridian.Local.Hosting;
using Meridian.Local.Terminal;
using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary><c>audit &lt;url&gt; [--regions iad,lhr,syd] [--runs 1] …</c>, or <c>audit --demo</c> for the built-in page.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var url = new Argument<string?>("url") { Description = "The page to audit (http or https).", Arity = ArgumentArity.ZeroOrOne };
        var demo = new Option<bool>("--demo") { Description = "Audit the small page this host serves on 127.0.0.1 (implies --allow-private)." };
        var regions = new Option<string?>("--regions") { Description = "Comma-separated Fly region codes (default: iad,sjc,gru,lhr,sin,syd)." };
        var runs = new Option<int?>("--runs") { Description = "Lighthouse runs per region, odd, 1–9 (default 3)." };
        var formFactor = new Option<string?>("--form-factor") { Description = "mobile (default) or desktop." };
        var deadline = new Option<int?>("--deadline-minutes") { Description = "How long to wait for the regions, 2–30 (default 10)." };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow 127.0.0.1 and private-network targets (local use only)." };
        var data = LocalSetup.DataOption();
        var command = new Command("audit", "Run one audit end to end on this machine and print the results.")
        {
            url, demo, regions, runs, formFactor, deadline, allowPrivate, data,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(url), parse.GetValue(demo), parse.GetValue(regions), parse.GetValue(runs), parse.GetValue(formFactor),
            parse.GetValue(deadline), parse.GetValue(allowPrivate), parse.GetValue(data), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string? url, bool demo, string? regions, int? runs, string? formFactor, int? deadlineMinutes, bool allowPrivate, string? dataDirectory, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        if (url is null == !demo)
        {
            console.MarkupLine("[red]Give a URL to audit, or --demo for the built-in page (not both).[/]");
            return ExitCodes.BadInput;
        }

        var options = LocalSetup.Options(console, allowPrivate || demo, dataDirectory);
        if (options is null)
        {
            return ExitCodes.BadInput;
        }

        await using var cloud = await LocalSetup.StartAsync(console, options, cancellationToken);
        if (cloud is null)
        {
            return ExitCodes.BadInput;
        }

        var target = demo ? new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri : url!;
        var request = new AuditRequest(target, regions?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), formFactor, runs, deadlineMinutes);

        var state = await new AuditRunner(cloud, console).RunAsync(request, cancellationToken);
        if (state is null)
        {
            return ExitCodes.BadInput;
        }

        console.Write(RegionTable.For(state));
        if (state.Report?.Aggregates is { } aggregates)
        {
            console.MarkupLine($"Median score {(aggregates.MedianPerformanceScore is { } s ? Math.Round(s * 100) : double.NaN)}; fastest {aggregates.FastestRegion ?? "—"}, slowest {aggregates.SlowestRegion ?? "—"}; {aggregates.Completed} completed, {aggregates.Failed} failed, {aggregates.TimedOut} timed out, {aggregates.Unavailable} unavailable.");
        }

        var (html, json) = await AuditRunner.WriteAsync(state, Path.Combine(options.DataDirectory, "reports"), cancellationToken);
        console.MarkupLine("Results written:");
        console.MarkupLine($"  report page  {Markup.Escape(html)}");
        console.MarkupLine($"  audit state  {Markup.Escape(json)}");
        foreach (var blob in await StoredBlobs.ListAsync(cloud.Storage.CreateBlobServiceClient(), state.AuditId, cancellationToken))
        {
            console.MarkupLine($"  blob         {Markup.Escape(blob)}");
        }

        console.MarkupLine($"  (Blob Storage is Azurite with its data in {Markup.Escape(Path.Combine(options.DataDirectory, "azurite"))})");
        return state.Status == "completed" ? ExitCodes.Completed : ExitCodes.Failed;
    }
}
