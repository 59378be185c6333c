using Meridian.Contract.Targets;
using Meridian.Core.Validation;
using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary>
/// The API's own URL rule, applied by <c>audit</c> before anything starts: a URL that is malformed,
/// private or does not resolve is refused in a second, not after Azurite, the stand-in and the API
/// have started. The API checks it again when the audit is posted.
/// </summary>
internal static class TargetCheck
{
    public static async Task<bool> IsAcceptableAsync(IAnsiConsole console, string url, bool allowPrivateTargets, CancellationToken cancellationToken)
    {
        var problems = await ProblemsAsync(url, allowPrivateTargets, cancellationToken);
        foreach (var problem in problems)
        {
            console.MarkupLine($"[red]{Markup.Escape(problem.Message)}[/]");
        }

        // A page on this machine is what a developer most often means: say how, not only no.
        if (problems.Count > 0 && !allowPrivateTargets && (await ProblemsAsync(url, allowPrivateTargets: true, cancellationToken)).Count == 0)
        {
            console.MarkupLine("To audit a page on this machine or a private network, add --allow-private (local use only).");
        }

        return problems.Count == 0;
    }

    private static async Task<List<ValidationProblem>> ProblemsAsync(string url, bool allowPrivateTargets, CancellationToken cancellationToken)
    {
        var rule = new PublicUrlRule(new TargetGuard(new DnsHostResolver(), new TargetGuardOptions { AllowPrivateTargets = allowPrivateTargets }));
        var problems = new List<ValidationProblem>();
        await rule.CheckAsync(url, UrlField.AuditTarget, problems, cancellationToken);
        return problems;
    }
}
