using Meridian.Local.FlyStandIn;

namespace Meridian.Testing.Worker;

/// <summary>
/// A stand-in for the Lighthouse CLI that writes a small valid report at once, for runs that need the
/// real worker without Chrome (the worker reads it from <c>MERIDIAN_LIGHTHOUSE_CLI</c>). A machine in a
/// region listed in <see cref="HangInRegions"/> (<c>FLY_REGION</c>) hangs instead, as a stuck Chrome does.
/// </summary>
public static class InstantLighthouse
{
    /// <summary>Comma-separated regions where it never answers. Not MERIDIAN_*: the worker keeps those (its secrets) from Lighthouse.</summary>
    public const string HangInRegions = "TEST_LIGHTHOUSE_HANGS_IN";

    private const string Script = """
        import { writeFileSync } from 'node:fs';
        const hangs = (process.env.TEST_LIGHTHOUSE_HANGS_IN ?? '').split(',');
        if (hangs.includes(process.env.FLY_REGION)) { setInterval(() => {}, 1 << 30); }
        else {
          const out = process.argv.find(a => a.startsWith('--output-path=')).slice('--output-path='.length);
          const audit = v => ({ numericValue: v });
          writeFileSync(out, JSON.stringify({
            lighthouseVersion: '12.8.2', fetchTime: new Date().toISOString(), finalDisplayedUrl: process.argv[3],
            environment: { benchmarkIndex: 2000 }, configSettings: { formFactor: 'mobile' },
            categories: { performance: { score: 0.97 } },
            audits: {
              'first-contentful-paint': audit(600), 'largest-contentful-paint': audit(800), 'total-blocking-time': audit(0),
              'cumulative-layout-shift': audit(0), 'speed-index': audit(700), 'interactive': audit(650), 'server-response-time': audit(5),
            },
          }));
        }
        """;

    /// <summary>Writes the script into <paramref name="folder"/> and returns its path, for <c>MERIDIAN_LIGHTHOUSE_CLI</c>.</summary>
    public static string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "instant-lighthouse.mjs");
        File.WriteAllText(path, Script);
        return path;
    }

    /// <summary>
    /// The real worker (its build output next to the caller, in worker/) as a machine image, with this
    /// Lighthouse written into <paramref name="folder"/> and private targets allowed (local pages).
    /// </summary>
    public static ImageCommand Worker(string folder) => new("env", [
        "MERIDIAN_ALLOW_PRIVATE_TARGETS=true", $"MERIDIAN_LIGHTHOUSE_CLI={WriteTo(folder)}",
        "dotnet", Path.Combine(AppContext.BaseDirectory, "worker", "Meridian.Worker.dll")]);
}
