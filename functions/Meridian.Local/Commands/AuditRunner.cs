using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Meridian.Core.Audits.Api;
using Meridian.Core.Reports;
using Meridian.Core.Serialization;
using Meridian.Local.Hosting;
using Meridian.Local.Terminal;
using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary>
/// Runs one audit through the local host's own HTTP API, exactly as a client of the real app would:
/// POST, then follow the status URL, showing every region live; then writes the report page.
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

        AuditView state = null!;
        await console.Live(new Text("Starting…")).StartAsync(async live =>
        {
            while (true)
            {
                state = (await http.GetFromJsonAsync<AuditView>(accepted.StatusUrl, MeridianJson.Options, cancellationToken))!;
                live.UpdateTarget(new Rows(new Markup($"[bold]{Markup.Escape(state.Phase?.ToString() ?? state.Status)}[/]"), RegionTable.For(state)));
                live.Refresh();
                if (state.Status != "running")
                {
                    return;
                }

                await Task.Delay(PollInterval, cancellationToken);
            }
        });

        return state;
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
