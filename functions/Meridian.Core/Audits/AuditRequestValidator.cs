using Meridian.Core.Regions;
using Meridian.Core.Security;
using Meridian.Core.Validation;

namespace Meridian.Core.Audits;

/// <summary>
/// Turns an <see cref="AuditRequest"/> into an <see cref="AuditSpec"/>, or reports every problem
/// with it at once (one message per problem, named by its JSON field) so a user fixes them all in
/// one round trip.
/// </summary>
public sealed class AuditRequestValidator(TargetGuard guard)
{
    /// <summary>One audit can use every Fly region, once each.</summary>
    public const int MaxRegions = 18;

    public const int MinRuns = 1;

    private static readonly string KnownRegions = string.Join(", ", RegionCatalog.All.Select(region => region.Code));

    public async Task<ValidationResult<AuditSpec>> ValidateAsync(AuditRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationProblem>();

        var url = await ValidateUrlAsync(request.Url, problems, cancellationToken);
        var regions = ValidateRegions(request.Regions, problems);
        var formFactor = ValidateFormFactor(request.FormFactor, problems);
        var runs = ValidateRuns(request.Runs, problems);
        var deadline = ValidateDeadline(request.DeadlineMinutes, problems);

        return problems.Count == 0 && url is not null
            ? ValidationResult.Valid(new AuditSpec(url, regions, formFactor, runs, deadline))
            : ValidationResult.Invalid<AuditSpec>(problems);
    }

    private async Task<Uri?> ValidateUrlAsync(string? raw, List<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        const string Field = "url";
        if (string.IsNullOrWhiteSpace(raw))
        {
            problems.Add(new(Field, "A URL is required: the page to audit, e.g. https://example.com/."));
            return null;
        }

        var text = raw.Trim();
        if (text.Length > AuditSpec.MaxUrlLength)
        {
            problems.Add(new(Field, TooLong(text.Length)));
            return null;
        }

        // On Unix, Uri reads "/page" as the file URL file:///page; insisting that the text starts
        // with the scheme Uri found sends such input to the "not absolute" message instead.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || !text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(Field, $"'{text}' is not an absolute URL; give the whole address, e.g. https://example.com/."));
            return null;
        }

        var problemsBefore = problems.Count;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add(new(Field, $"The URL must start with http:// or https://, not '{uri.Scheme}:'."));
        }

        if (uri.UserInfo.Length > 0)
        {
            problems.Add(new(Field, "The URL must not contain a user name or password (the part before '@'); audits fetch public pages only."));
        }

        // Percent-encoding can lengthen the URL; the encoded form is what gets stored and sent.
        if (uri.AbsoluteUri.Length > AuditSpec.MaxUrlLength)
        {
            problems.Add(new(Field, TooLong(uri.AbsoluteUri.Length) + " (counted once encoded)"));
        }

        // A malformed URL is not worth a DNS lookup.
        if (problems.Count > problemsBefore)
        {
            return null;
        }

        var targetProblems = await guard.CheckAsync(uri, cancellationToken);
        problems.AddRange(targetProblems.Select(message => new ValidationProblem(Field, message)));
        return targetProblems.Count == 0 ? uri : null;
    }

    private static string TooLong(int length) =>
        $"The URL is {length:N0} characters long; the limit is {AuditSpec.MaxUrlLength:N0}.";

    private static IReadOnlyList<string> ValidateRegions(IReadOnlyList<string>? requested, List<ValidationProblem> problems)
    {
        const string Field = "regions";
        if (requested is null)
        {
            return RegionCatalog.DefaultRegionCodes;
        }

        if (requested.Count == 0)
        {
            problems.Add(new(Field, $"Name at least one region, or leave 'regions' out to use the default ({string.Join(", ", RegionCatalog.DefaultRegionCodes)})."));
        }
        else if (requested.Count > MaxRegions)
        {
            problems.Add(new(Field, $"At most {MaxRegions} regions can be audited at once; {requested.Count} were given."));
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

    private static FormFactor ValidateFormFactor(string? requested, List<ValidationProblem> problems)
    {
        // Explicit names only: Enum.TryParse would also accept "0", "1" and "Mobile, Desktop".
        switch (requested?.Trim().ToLowerInvariant())
        {
            case null or "" or "mobile":
                return FormFactor.Mobile;
            case "desktop":
                return FormFactor.Desktop;
            default:
                problems.Add(new("formFactor", $"Form factor '{requested}' is not supported; use 'mobile' or 'desktop'."));
                return FormFactor.Mobile;
        }
    }

    private static int ValidateRuns(int? requested, List<ValidationProblem> problems)
    {
        var runs = requested ?? AuditSpec.DefaultRuns;

        // Odd, so that one run is the median.
        if (runs is < MinRuns or > AuditSpec.MaxRuns || runs % 2 == 0)
        {
            problems.Add(new("runs", $"Runs must be an odd number from {MinRuns} to {AuditSpec.MaxRuns} (the median run is reported); {runs} was given."));
        }

        return runs;
    }

    private static TimeSpan ValidateDeadline(int? requestedMinutes, List<ValidationProblem> problems)
    {
        var deadline = requestedMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : AuditSpec.DefaultDeadline;
        if (deadline < AuditSpec.MinDeadline || deadline > AuditSpec.MaxDeadline)
        {
            problems.Add(new(
                "deadlineMinutes",
                $"The deadline must be from {AuditSpec.MinDeadline.TotalMinutes} to {AuditSpec.MaxDeadline.TotalMinutes} minutes; {requestedMinutes} was given."));
        }

        return deadline;
    }
}
