using System.Globalization;
using System.Text.RegularExpressions;
using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;

namespace Meridian.Worker;

/// <summary>
/// Reads <see cref="WorkerSettings"/> from the environment, reporting every missing or malformed
/// variable by name at once. A secret's value never appears in a message.
/// </summary>
public static partial class WorkerSettingsReader
{
    public const string FlyRegion = "FLY_REGION";
    public const string AllowPrivateTargets = "MERIDIAN_ALLOW_PRIVATE_TARGETS";
    public const string RunTimeoutSeconds = "MERIDIAN_RUN_TIMEOUT_SECONDS";
    public const string ChromePath = "CHROME_PATH";
    public const string NodePath = "MERIDIAN_NODE";
    public const string LighthouseCli = "MERIDIAN_LIGHTHOUSE_CLI";
    public const string ChromeNoSandbox = "MERIDIAN_CHROME_NO_SANDBOX";

    // RFC 3339 date-times: seconds, optional fraction, and a zone ('Z' or an offset) are required.
    private static readonly string[] Rfc3339 =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    public static SettingsRead Read(IReadOnlyDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<SettingProblem>();
        string? Get(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        string? Required(string name)
        {
            var value = Get(name);
            if (value is null)
            {
                problems.Add(new(name, $"{name} is missing."));
            }

            return value;
        }

        var auditId = Required(WorkerEnvironment.AuditId);
        if (auditId is not null && !IdPattern().IsMatch(auditId))
        {
            problems.Add(new(WorkerEnvironment.AuditId, $"{WorkerEnvironment.AuditId} must be 1–100 letters, digits, '-' or '_'."));
        }

        // The app's region is the result's identity (its key and upload URLs are issued for it);
        // Fly's is where the machine runs, the same on Fly, and the only one on a machine started by hand.
        var regionVariable = Get(WorkerEnvironment.Region) is not null ? WorkerEnvironment.Region : FlyRegion;
        var region = Get(regionVariable);
        if (region is null)
        {
            problems.Add(new(WorkerEnvironment.Region, $"Neither {FlyRegion} nor {WorkerEnvironment.Region} is set."));
        }
        else if (!RegionPattern().IsMatch(region))
        {
            problems.Add(new(regionVariable, $"{regionVariable} must be a region code (3 lower-case letters), not '{region}'."));
        }

        var target = HttpUrl(Required(WorkerEnvironment.TargetUrl), WorkerEnvironment.TargetUrl, problems, showValue: true);
        var callback = HttpUrl(Required(WorkerEnvironment.CallbackUrl), WorkerEnvironment.CallbackUrl, problems, showValue: true);
        var report = HttpUrl(Required(WorkerEnvironment.ReportUploadUrl), WorkerEnvironment.ReportUploadUrl, problems, showValue: false);
        var fallback = HttpUrl(Required(WorkerEnvironment.FallbackUploadUrl), WorkerEnvironment.FallbackUploadUrl, problems, showValue: false);

        // By name only: Enum.TryParse would also take "1" or "mobile,desktop" (flags).
        FormFactor? formFactor = Required(WorkerEnvironment.FormFactor) switch
        {
            null => null,
            var text when Enum.GetValues<FormFactor>().FirstOrDefault(f => f.ToString().Equals(text, StringComparison.OrdinalIgnoreCase)) is var parsed
                          && parsed.ToString().Equals(text, StringComparison.OrdinalIgnoreCase) => parsed,
            var text => Problem<FormFactor>(problems, WorkerEnvironment.FormFactor, $"{WorkerEnvironment.FormFactor} must be 'mobile' or 'desktop', not '{text}'."),
        };

        var runs = Integer(Required(WorkerEnvironment.Runs), WorkerEnvironment.Runs, 1, WorkerJob.MaxRuns, problems);

        byte[]? key = null;
        if (Required(WorkerEnvironment.CallbackKey) is { } keyText)
        {
            if (CallbackSigningKey.TryParse(keyText, out var parsed))
            {
                key = parsed;
            }
            else
            {
                problems.Add(new(WorkerEnvironment.CallbackKey, $"{WorkerEnvironment.CallbackKey} must be a {CallbackSigningKey.Length}-byte key in base64url."));
            }
        }

        DateTimeOffset? deadline = Required(WorkerEnvironment.Deadline) switch
        {
            null => null,
            var text when DateTimeOffset.TryParseExact(text, Rfc3339, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
            var text => Problem<DateTimeOffset>(problems, WorkerEnvironment.Deadline, $"{WorkerEnvironment.Deadline} must be an RFC 3339 time such as 2026-11-23T12:10:00Z, not '{text}'."),
        };

        var allowPrivate = Boolean(Get(AllowPrivateTargets), AllowPrivateTargets, problems) ?? false;
        var noSandbox = Boolean(Get(ChromeNoSandbox), ChromeNoSandbox, problems);
        var runTimeout = Get(RunTimeoutSeconds) is { } timeoutText ? Integer(timeoutText, RunTimeoutSeconds, 10, 900, problems) : 120;

        if (problems.Count > 0)
        {
            return new SettingsRead(null, problems);
        }

        return new SettingsRead(new WorkerSettings
        {
            MachineRegion = Get(FlyRegion),
            AuditId = auditId!,
            Region = region!,
            TargetUrl = target!,
            FormFactor = formFactor!.Value,
            Runs = runs!.Value,
            CallbackUrl = callback!,
            CallbackKey = key!,
            ReportUploadUrl = report!,
            FallbackUploadUrl = fallback!,
            Deadline = deadline!.Value,
            AllowPrivateTargets = allowPrivate,
            RunTimeout = TimeSpan.FromSeconds(runTimeout!.Value),
            ChromePath = Get(ChromePath) ?? "/usr/bin/chromium",
            NodePath = Get(NodePath) ?? "node",
            LighthouseCliPath = Get(LighthouseCli),
            ChromeNoSandbox = noSandbox,
        }, []);
    }

    private static Uri? HttpUrl(string? text, string name, List<SettingProblem> problems, bool showValue)
    {
        if (text is null)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
        {
            return url;
        }

        // An upload URL carries its SAS token: say what is wrong, never what it was.
        problems.Add(new(name, showValue
            ? $"{name} must be an absolute http(s) URL, not '{text}'."
            : $"{name} must be an absolute http(s) URL."));
        return null;
    }

    private static int? Integer(string? text, string name, int min, int max, List<SettingProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(new(name, $"{name} must be a whole number from {min} to {max}, not '{text}'."));
        return null;
    }

    private static bool? Boolean(string? text, string name, List<SettingProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add(new(name, $"{name} must be 'true' or 'false', not '{text}'."));
        return null;
    }

    private static T? Problem<T>(List<SettingProblem> problems, string name, string message)
        where T : struct
    {
        problems.Add(new(name, message));
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z]{3}$")]
    private static partial Regex RegionPattern();
}
