using Meridian.Contract.Jobs;
using Meridian.Contract.Targets;
using Meridian.Core.Audits;
using Meridian.Core.Configuration;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Regions;
using Meridian.Core.Validation;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Monitors;

/// <summary>
/// Turns a <see cref="MonitorRequest"/> into a <see cref="MonitorDefinition"/>, or reports every problem
/// at once, each named by its JSON field. What the audits run follows the audit rules; the webhook is
/// held to the same SSRF guard as the page, since Meridian posts to it from inside its own network.
/// </summary>
public sealed class MonitorRequestValidator(TargetGuard guard, IOptions<MeridianOptions>? options = null)
{
    public const int MaxNameLength = 100;

    /// <summary>Ten minutes: no page that loads at all takes longer to paint or is blocked longer.</summary>
    public const double MaxMilliseconds = 600_000;

    public const double MaxCls = 10;

    private static readonly UrlField Webhook = new(
        "webhookUrl",
        "A webhook URL is required with thresholds: where alerts are POSTed, e.g. https://hooks.example/meridian.",
        "The webhook URL must not contain a user name or password (the part before '@'); verify alerts with the monitor's webhookSecret instead.");

    private readonly PublicUrlRule urls = new(guard);

    // Null options (tests that build the validator by hand): the catalogue's default regions.
    private readonly IReadOnlyList<string> defaultRegions = options?.Value.DefaultRegionCodes() ?? RegionCatalog.DefaultRegionCodes;

    public async Task<ValidationResult<MonitorDefinition>> ValidateAsync(MonitorRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationProblem>();

        var name = ValidateName(request.Name, problems);
        var url = await urls.CheckAsync(request.Url, UrlField.AuditTarget, problems, cancellationToken);
        var regions = AuditSpecRules.Regions(request.Regions, defaultRegions, problems);
        var formFactor = AuditSpecRules.FormFactor(request.FormFactor, problems);
        var runs = AuditSpecRules.Runs(request.Runs, problems);
        var schedule = ValidateSchedule(request, problems);
        var thresholds = ValidateThresholds(request.Thresholds, problems);
        var webhook = request.Thresholds is null && string.IsNullOrWhiteSpace(request.WebhookUrl)
            ? null
            : await urls.CheckAsync(request.WebhookUrl, Webhook, problems, cancellationToken);

        return problems.Count == 0 && url is not null
            ? ValidationResult.Valid(new MonitorDefinition(name, url, regions, formFactor, runs, schedule, request.Enabled ?? true, thresholds, webhook))
            : ValidationResult.Invalid<MonitorDefinition>(problems);
    }

    private static string? ValidateName(string? raw, List<ValidationProblem> problems)
    {
        var name = raw?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (name.Length > MaxNameLength)
        {
            problems.Add(new("name", $"The name is {name.Length} characters long; the limit is {MaxNameLength}."));
        }

        // Names end up in alert payloads and on screens: one line of text.
        if (name.Any(char.IsControl))
        {
            problems.Add(new("name", "The name must be one line of text, without control characters."));
        }

        return name;
    }

    private static MonitorSchedule ValidateSchedule(MonitorRequest request, List<ValidationProblem> problems)
    {
        // Stored trimmed: the scheduler parses it as it is.
        var schedule = new MonitorSchedule(request.IntervalMinutes, request.Cron?.Trim());
        if (schedule.Problem() is { } problem)
        {
            problems.Add(new(request.Cron is not null && request.IntervalMinutes is null ? "cron" : "intervalMinutes", problem));
        }

        return schedule;
    }

    private static AlertThresholds? ValidateThresholds(AlertThresholds? requested, List<ValidationProblem> problems)
    {
        if (requested is null)
        {
            return null;
        }

        var overall = ValidateLimits(requested.Overall, "thresholds.overall", problems);
        var eachRegion = ValidateLimits(requested.EachRegion, "thresholds.eachRegion", problems);
        if (overall is null && eachRegion is null)
        {
            problems.Add(new(
                "thresholds",
                "Give at least one limit, e.g. {\"overall\": {\"minPerformanceScore\": 0.8}}, or leave 'thresholds' out for a monitor without alerts."));
        }

        return new AlertThresholds(overall, eachRegion);
    }

    /// <summary>The limits, or null when none is set (an empty object sets nothing).</summary>
    private static MetricLimits? ValidateLimits(MetricLimits? limits, string field, List<ValidationProblem> problems)
    {
        if (limits is null)
        {
            return null;
        }

        CheckRange(limits.MinPerformanceScore, $"{field}.minPerformanceScore", 1, "", problems);
        CheckRange(limits.MaxLcpMs, $"{field}.maxLcpMs", MaxMilliseconds, " ms", problems);
        CheckRange(limits.MaxTbtMs, $"{field}.maxTbtMs", MaxMilliseconds, " ms", problems);
        CheckRange(limits.MaxCls, $"{field}.maxCls", MaxCls, "", problems);
        return limits is { MinPerformanceScore: null, MaxLcpMs: null, MaxTbtMs: null, MaxCls: null } ? null : limits;
    }

    private static void CheckRange(double? value, string field, double max, string unit, List<ValidationProblem> problems)
    {
        // Written so that NaN, for which no comparison holds, is refused too.
        if (value is { } given && !(given >= 0 && given <= max))
        {
            problems.Add(new(field, $"'{field}' must be from 0 to {max:0.###}{unit}; it is {value:0.###}."));
        }
    }
}
