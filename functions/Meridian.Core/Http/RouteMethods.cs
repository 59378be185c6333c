using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Meridian.Core.Http;

/// <summary>
/// The methods the route table takes on a path, for the local host's 405 answers (its routing knows
/// only that the method is wrong). The Functions host answers unknown routes and wrong methods itself,
/// with an empty body; a catch-all trigger cannot help there, as the host does not reliably match it
/// after the API's own routes (tried: POST api/audits reached it).
/// </summary>
public static class RouteMethods
{
    private static readonly (TemplateMatcher Matcher, string Method)[] Routes =
    [
        .. ApiOperations.All.Select(operation => (new TemplateMatcher(TemplateParser.Parse(operation.Route), new RouteValueDictionary()), operation.Method)),
    ];

    /// <summary>The methods the API takes on <paramref name="path"/> (below the <c>api</c> prefix); none when no route matches.</summary>
    public static IReadOnlyList<string> MethodsOf(string? path) => Routes
        .Where(route => route.Matcher.TryMatch(new PathString("/" + (path ?? string.Empty)), new RouteValueDictionary()))
        .Select(route => route.Method)
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
