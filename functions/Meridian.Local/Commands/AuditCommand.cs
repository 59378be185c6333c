using System.CommandLine;
using System.Globalization;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
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

        // A URL that will be refused is said so before Azurite, the stand-in and the API start.
        if (url is not null && !await TargetCheck.IsAcceptableAsync(console, url, options.AllowPrivateTargets, cancellationToken))
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

        var runner = new AuditRunner(cloud, console);
        AuditView? state;
        try
        {
            state = await runner.RunAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await runner.CutShortAsync();
            return ExitCodes.Failed; // the program answers 130 or 143 for the signal
        }

        if (state is null)
        {
            return ExitCodes.BadInput;
        }

        if (!runner.ShowedFinalTable)
        {
            console.Write(RegionTable.For(state));
        }

        if (AuditOutcome.Summary(state) is { } summary)
        {
            console.MarkupLine(summary);
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

        return AuditOutcome.ExitCode(state);
    }
}
