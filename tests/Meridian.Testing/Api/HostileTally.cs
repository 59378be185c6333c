using System.Text.Json;
using System.Text.RegularExpressions;

namespace Meridian.Testing.Api;

/// <summary>
/// What a hostile campaign got back, counted: answers by status, and every answer that breaks a rule
/// (a 5xx, a status other than expected, an accepted SSRF target, a stack trace in a body, an error
/// without a message), each named so it can be found.
/// </summary>
public sealed partial class HostileTally
{
    private static readonly string[] ProblemFields = ["type", "title", "detail"];

    private readonly object gate = new();
    private readonly SortedDictionary<int, int> byStatus = [];
    private readonly List<string> serverErrors = [];
    private readonly List<string> unexpected = [];
    private readonly List<string> ssrfAccepted = [];
    private readonly List<string> stackTraces = [];
    private readonly List<string> withoutMessage = [];

    public int Sent { get; private set; }

    public int Bare { get; private set; }

    public IReadOnlyDictionary<int, int> ByStatus => byStatus;

    public IReadOnlyList<string> ServerErrors => serverErrors;

    public IReadOnlyList<string> Unexpected => unexpected;

    public IReadOnlyList<string> SsrfAccepted => ssrfAccepted;

    public IReadOnlyList<string> StackTraces => stackTraces;

    public IReadOnlyList<string> WithoutMessage => withoutMessage;

    public int SsrfSent { get; private set; }

    public bool Clean => serverErrors.Count + unexpected.Count + ssrfAccepted.Count + stackTraces.Count + withoutMessage.Count == 0;

    /// <summary>Counts one answer (status 0: no answer at all, the connection closed or timed out).</summary>
    public void Add(HostileProbe probe, int status, string? contentType, string body)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var name = $"{probe.Family}: {probe.Name} ({status})";
        lock (gate)
        {
            Sent++;
            SsrfSent += probe.Ssrf ? 1 : 0;
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (status >= 500 || status == 0)
            {
                serverErrors.Add(name);
            }

            if (status != probe.ExpectedStatus)
            {
                unexpected.Add($"{name}, expected {probe.ExpectedStatus}");
            }

            if (probe.Ssrf && status is >= 200 and < 300)
            {
                ssrfAccepted.Add(name);
            }

            if (StackTrace().IsMatch(body))
            {
                stackTraces.Add(name);
            }

            if (status >= 400 && !HasMessage(contentType, body))
            {
                if (probe.BareAllowed && body.Length == 0)
                {
                    Bare++;
                }
                else
                {
                    withoutMessage.Add(name);
                }
            }
        }
    }

    /// <summary>Figures as the benchmark prints them, and as a failing test shows them.</summary>
    public string Describe()
    {
        var lines = new List<string>
        {
            $"Requests sent        {Sent}",
            $"Answers by status    {string.Join(", ", byStatus.Select(s => $"{s.Key}: {s.Value}"))}",
            $"5xx or no answer     {serverErrors.Count} (goal 0)",
            $"SSRF accepted        {ssrfAccepted.Count} of {SsrfSent} (goal 0)",
            $"Stack traces         {stackTraces.Count} (goal 0)",
            $"Errors, no message   {withoutMessage.Count} (goal 0); {Bare} bare answer(s) from the server before any app code",
            $"Unexpected status    {unexpected.Count} (goal 0)",
        };
        foreach (var (title, list) in new[] { ("5xx", serverErrors), ("SSRF accepted", ssrfAccepted), ("stack trace", stackTraces), ("no message", withoutMessage), ("unexpected", unexpected) })
        {
            lines.AddRange(list.Take(20).Select(item => $"  {title}: {item}"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    // A problem body with a title and a detail, or a page with a title (the report pages are HTML).
    private static bool HasMessage(string? contentType, string body)
    {
        if (contentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
        {
            return body.Contains("<title>", StringComparison.OrdinalIgnoreCase) && body.Contains("<h1", StringComparison.OrdinalIgnoreCase);
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && ProblemFields.All(field =>
                    problem.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\.cs:line \d+|\bat [\w.`<>]+\(.*\)|System\.[\w.]*Exception\b|Microsoft\.[\w.]*Exception\b")]
    private static partial Regex StackTrace();
}
