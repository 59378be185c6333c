using Meridian.Contract.Jobs;
using Meridian.Core.Regions;
using Meridian.Core.Validation;

namespace Meridian.Core.Audits;

/// <summary>
/// The rules for what an audit runs (regions, form factor, runs), shared by audit and monitor requests.
/// Each returns the value to use and adds one problem per fault, named by its JSON field.
/// </summary>
internal static class AuditSpecRules
{
    private static readonly string KnownRegions = string.Join(", ", RegionCatalog.All.Select(region => region.Code));

    /// <param name="defaults">The regions used when the request names none (the <c>Meridian:DefaultRegions</c> setting).</param>
    public static IReadOnlyList<string> Regions(IReadOnlyList<string>? requested, IReadOnlyList<string> defaults, List<ValidationProblem> problems)
    {
        const string Field = "regions";
        if (requested is null)
        {
            return defaults;
        }

        if (requested.Count == 0)
        {
            problems.Add(new(Field, $"Name at least one region, or leave 'regions' out to use the default ({string.Join(", ", defaults)})."));
        }
        else if (requested.Count > RegionCatalog.MaxPerAudit)
        {
            problems.Add(new(Field, $"At most {RegionCatalog.MaxPerAudit} regions can be audited at once; {requested.Count} were given."));
        }

        var codes = new List<string>(requested.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reportedTwice = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            // JSON can carry nulls inside the array whatever the declared type says.
            var entry = requested[i];
            if (string.IsNullOrWhiteSpace(entry))
            {
                problems.Add(new(Field, $"Region {i + 1} is empty; give a Fly region code such as 'iad'."));
                continue;
            }

            var code = entry.Trim().ToLowerInvariant();
            if (!seen.Add(code))
            {
                if (reportedTwice.Add(code))
                {
                    problems.Add(new(Field, $"Region '{code}' is listed more than once."));
                }

                continue;
            }

            if (!RegionCatalog.IsKnown(code))
            {
                problems.Add(new(Field, $"Region '{entry}' is not a Fly region; known regions: {KnownRegions}."));
                continue;
            }

            codes.Add(code);
        }

        return codes;
    }

    public static FormFactor FormFactor(string? requested, List<ValidationProblem> problems)
    {
        // Explicit names only: Enum.TryParse would also accept "0", "1" and "Mobile, Desktop".
        switch (requested?.Trim().ToLowerInvariant())
        {
            case null or "" or "mobile":
                return Contract.Jobs.FormFactor.Mobile;
            case "desktop":
                return Contract.Jobs.FormFactor.Desktop;
            default:
                problems.Add(new("formFactor", $"Form factor '{requested}' is not supported; use 'mobile' or 'desktop'."));
                return Contract.Jobs.FormFactor.Mobile;
        }
    }

    public static int Runs(int? requested, List<ValidationProblem> problems)
    {
        var runs = requested ?? AuditSpec.DefaultRuns;

        // Odd, so that one run is the median.
        if (runs is < WorkerJob.MinRuns or > WorkerJob.MaxRuns || runs % 2 == 0)
        {
            problems.Add(new("runs", $"Runs must be an odd number from {WorkerJob.MinRuns} to {WorkerJob.MaxRuns} (the median run is reported); {runs} was given."));
        }

        return runs;
    }
}
