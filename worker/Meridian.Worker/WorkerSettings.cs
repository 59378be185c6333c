using Meridian.Contract.Jobs;

namespace Meridian.Worker;

/// <summary>
/// The worker's job and tuning, read from environment variables by <see cref="WorkerSettingsReader"/>.
/// The job variables are set by the app when it creates the machine (see
/// <c>Meridian.Contract.Jobs.WorkerEnvironment</c>); the rest have defaults that suit the worker image.
/// </summary>
public sealed record WorkerSettings
{
    /// <summary><c>MERIDIAN_AUDIT_ID</c>.</summary>
    public required string AuditId { get; init; }

    /// <summary>
    /// <c>MERIDIAN_REGION</c>, else <c>FLY_REGION</c>: the region the result is for. The app's value wins
    /// because the signing key and the upload URLs were issued for it.
    /// </summary>
    public required string Region { get; init; }

    /// <summary><c>FLY_REGION</c>: where the machine actually runs, when Fly says so.</summary>
    public string? MachineRegion { get; init; }

    /// <summary><c>MERIDIAN_TARGET_URL</c>: absolute http(s).</summary>
    public required Uri TargetUrl { get; init; }

    /// <summary><c>MERIDIAN_FORM_FACTOR</c>: <c>mobile</c> or <c>desktop</c>.</summary>
    public required FormFactor FormFactor { get; init; }

    /// <summary><c>MERIDIAN_RUNS</c>: Lighthouse runs, 1 to 9, one at a time.</summary>
    public required int Runs { get; init; }

    /// <summary><c>MERIDIAN_CALLBACK_URL</c>: where the signed result is POSTed.</summary>
    public required Uri CallbackUrl { get; init; }

    /// <summary><c>MERIDIAN_CALLBACK_KEY</c>: this region's signing key, base64url. Secret: never logged.</summary>
    public required byte[] CallbackKey { get; init; }

    /// <summary><c>MERIDIAN_REPORT_UPLOAD_URL</c>: write-only SAS URL of the report blob. Secret: never logged.</summary>
    public required Uri ReportUploadUrl { get; init; }

    /// <summary><c>MERIDIAN_FALLBACK_UPLOAD_URL</c>: write-only SAS URL of the fallback result blob. Secret: never logged.</summary>
    public required Uri FallbackUploadUrl { get; init; }

    /// <summary><c>MERIDIAN_DEADLINE</c>: RFC 3339; the orchestration stops waiting then.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary><c>MERIDIAN_ALLOW_PRIVATE_TARGETS</c> (default false): skip the in-region SSRF check; only for local runs.</summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary><c>MERIDIAN_RUN_TIMEOUT_SECONDS</c> (default 120, 10–900): hard limit on one Lighthouse run.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary><c>CHROME_PATH</c> (default <c>/usr/bin/chromium</c>): the browser Lighthouse drives.</summary>
    public string ChromePath { get; init; } = "/usr/bin/chromium";

    /// <summary><c>MERIDIAN_NODE</c> (default <c>node</c> on PATH).</summary>
    public string NodePath { get; init; } = "node";

    /// <summary>
    /// <c>MERIDIAN_LIGHTHOUSE_CLI</c>: Lighthouse's <c>cli/index.js</c>. Default: the first
    /// <c>node_modules/lighthouse</c> found in the worker's folder or above it.
    /// </summary>
    public string? LighthouseCliPath { get; init; }

    /// <summary>
    /// <c>MERIDIAN_CHROME_NO_SANDBOX</c>: run Chrome without its sandbox. Default: only when running as
    /// root, where Chrome refuses to start with it; a non-root user keeps the sandbox.
    /// </summary>
    public bool? ChromeNoSandbox { get; init; }

    /// <summary>Leaves out the key and the upload URLs, so logging the settings never leaks them.</summary>
    public override string ToString() =>
        $"audit {AuditId}, region {Region}, {FormFactor.ToString().ToLowerInvariant()}, {Runs} run(s) of {TargetUrl}, deadline {Deadline.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";
}
