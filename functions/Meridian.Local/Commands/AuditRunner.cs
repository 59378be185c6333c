using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Reports;
using Meridian.Core.Serialization;
using Meridian.Local.Hosting;
using Meridian.Local.Terminal;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary>
/// Runs one audit through the local host's own HTTP API, exactly as a client of the real app would:
/// POST, then follow the status URL, showing every region live (a table redrawn in a terminal, a line
/// per change otherwise); then writes the report page.
/// </summary>
public sealed class AuditRunner(LocalCloud cloud, IAnsiConsole console)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);
    private static readonly JsonSerializerOptions Indented = new(MeridianJson.Options) { WriteIndented = true };

    /// <returns>The finished audit, or null when the API refused the request (the problems are printed).</returns>
    public async Task<AuditView?> RunAsync(object request, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        using var started = await http.PostAsJsonAsync("api/audits", request, MeridianJson.Options, cancellationToken);
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            await PrintProblemAsync(started, cancellationToken);
            return null;
        }

        var accepted = (await started.Content.ReadFromJsonAsync<AuditAcceptedView>(MeridianJson.Options, cancellationToken))!;
        console.MarkupLine($"Audit [bold]{accepted.AuditId}[/] of {Markup.Escape(accepted.Url)} from {accepted.Regions.Count} region(s), {accepted.Runs} run(s) each; deadline {accepted.Deadline:HH:mm:ss} UTC.");
        console.MarkupLine($"Live page: {Markup.Escape(new Uri(cloud.BaseUrl, ReportPages.PathFor(accepted.AuditId)).AbsoluteUri)}");

        AuditId = accepted.AuditId;
        return console.Profile.Capabilities.Interactive
            ? await FollowLiveAsync(http, accepted.StatusUrl, cancellationToken)
            : await FollowByLinesAsync(http, accepted.StatusUrl, cancellationToken);
    }

    /// <summary>The audit started, once the API accepted it; null before.</summary>
    public string? AuditId { get; private set; }

    /// <summary>The last state read from the API while following the audit.</summary>
    public AuditView? LastState { get; private set; }

    /// <summary>
    /// True when the final table is already on screen: a terminal keeps the live table's last frame,
    /// so printing it again would show it twice.
    /// </summary>
    public bool ShowedFinalTable { get; private set; }

    // In a terminal: one table, redrawn in place.
    private async Task<AuditView> FollowLiveAsync(HttpClient http, Uri statusUrl, CancellationToken cancellationToken)
    {
        await console.Live(new Text("Starting…")).StartAsync(async live =>
        {
            while (true)
            {
                var state = await ReadAsync(http, statusUrl, cancellationToken);
                live.UpdateTarget(new Rows(new Markup($"[bold]{Markup.Escape(state.Phase?.ToString() ?? state.Status)}[/]"), RegionTable.For(state)));
                live.Refresh();
                if (state.Status != "running")
                {
                    return;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        });

        ShowedFinalTable = true;
        return LastState!;
    }

    // To a file or a pipe: a line per change (phase or a region's status), never a redrawn frame.
    private async Task<AuditView> FollowByLinesAsync(HttpClient http, Uri statusUrl, CancellationToken cancellationToken)
    {
        string? phase = null;
        var regions = new Dictionary<string, RegionStatus>(StringComparer.Ordinal);
        while (true)
        {
            var state = await ReadAsync(http, statusUrl, cancellationToken);
            var now = DateTimeOffset.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
            var currentPhase = state.Phase?.ToString() ?? state.Status;
            if (currentPhase != phase)
            {
                console.MarkupLine($"{now} audit {Markup.Escape(currentPhase)}");
                phase = currentPhase;
            }

            foreach (var region in state.Regions.Where(region => !regions.TryGetValue(region.Region, out var seen) || seen != region.Status))
            {
                regions[region.Region] = region.Status;
                console.MarkupLine($"{now} {Markup.Escape(region.Region)} {Markup.Escape(RegionTable.StatusText(region.Status))}");
            }

            if (state.Status != "running")
            {
                return state;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private async Task<AuditView> ReadAsync(HttpClient http, Uri statusUrl, CancellationToken cancellationToken)
    {
        LastState = (await http.GetFromJsonAsync<AuditView>(statusUrl, MeridianJson.Options, cancellationToken))!;
        return LastState;
    }

    /// <summary>
    /// After Ctrl+C or SIGTERM mid-audit: ends the orchestration, so a later start on the same data
    /// folder does not resume it, and says which regions were cut short. The machines go with the
    /// local cloud as it stops.
    /// </summary>
    public async Task CutShortAsync()
    {
        if (AuditId is null)
        {
            console.MarkupLine("Stopped before the audit was started; nothing ran.");
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await cloud.Services.GetRequiredService<DurableTaskClient>().TerminateInstanceAsync(AuditId, "Stopped by the user (Ctrl+C or SIGTERM).", timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or Azure.RequestFailedException)
        {
            // Stopping matters more than recording why; the deadline still ends the audit if it resumes.
        }

        var unfinished = LastState?.Regions.Where(region => region.Status is RegionStatus.Pending or RegionStatus.Running).Select(region => region.Region).ToList() ?? [];
        console.MarkupLine($"[yellow]Stopped: audit {AuditId} was cut short[/]" + (unfinished.Count > 0
            ? $"; {unfinished.Count} region(s) had not finished ({Markup.Escape(string.Join(", ", unfinished))}) and their machines are destroyed."
            : "."));
    }

    /// <summary>Writes the HTML page and the state as JSON under <paramref name="folder"/>; returns their paths.</summary>
    public static async Task<(string Html, string Json)> WriteAsync(AuditView state, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        Directory.CreateDirectory(folder);
        var html = Path.Combine(folder, $"{state.AuditId}.html");
        var json = Path.Combine(folder, $"{state.AuditId}.json");
        await File.WriteAllTextAsync(html, AuditReportPage.Render(state), cancellationToken);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(state, Indented), cancellationToken);
        return (html, json);
    }

    private async Task PrintProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        console.MarkupLine($"[red]The audit was refused ({(int)response.StatusCode}).[/]");
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("errors", out var errors))
            {
                foreach (var field in errors.EnumerateObject())
                {
                    foreach (var message in field.Value.EnumerateArray())
                    {
                        console.MarkupLine($"  [red]•[/] {Markup.Escape(field.Name)}: {Markup.Escape(message.GetString() ?? string.Empty)}");
                    }
                }
            }
            else if (problem.RootElement.TryGetProperty("detail", out var detail))
            {
                console.MarkupLine($"  {Markup.Escape(detail.GetString() ?? string.Empty)}");
            }
        }
        catch (JsonException)
        {
            console.WriteLine(body);
        }
    }
}
