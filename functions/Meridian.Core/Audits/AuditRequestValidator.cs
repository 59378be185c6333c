using Meridian.Contract.Jobs;
using Meridian.Contract.Targets;
using Meridian.Core.Configuration;
using Meridian.Core.Regions;
using Meridian.Core.Validation;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Audits;

/// <summary>
/// Turns an <see cref="AuditRequest"/> into an <see cref="AuditSpec"/>, or reports every problem
/// with it at once (one message per problem, named by its JSON field) so a user fixes them all in
/// one round trip. The URL, regions, form factor and runs follow the rules monitors share.
/// </summary>
public sealed class AuditRequestValidator(TargetGuard guard, IOptions<MeridianOptions>? options = null)
{
    private readonly PublicUrlRule urls = new(guard);

    // Null options (tests that build the validator by hand): the catalogue's default regions.
    private readonly IReadOnlyList<string> defaultRegions = options?.Value.DefaultRegionCodes() ?? RegionCatalog.DefaultRegionCodes;

    public async Task<ValidationResult<AuditSpec>> ValidateAsync(AuditRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationProblem>();

        var url = await urls.CheckAsync(request.Url, UrlField.AuditTarget, problems, cancellationToken);
        var regions = AuditSpecRules.Regions(request.Regions, defaultRegions, problems);
        var formFactor = AuditSpecRules.FormFactor(request.FormFactor, problems);
        var runs = AuditSpecRules.Runs(request.Runs, problems);
        var deadline = ValidateDeadline(request.DeadlineMinutes, problems);

        return problems.Count == 0 && url is not null
            ? ValidationResult.Valid(new AuditSpec(url, regions, formFactor, runs, deadline))
            : ValidationResult.Invalid<AuditSpec>(problems);
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
