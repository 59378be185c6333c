using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Meridian.Core.Http;

/// <summary>
/// A monitor's ETag is its revision, quoted: <c>"3"</c>. It versions the definition, which is what PUT
/// replaces, so a scheduler tick or a recorded audit does not make a client's If-Match stale. If-Match
/// follows RFC 9110 §13.1.1: a list of tags or <c>*</c>, compared strongly (a weak tag never matches).
/// </summary>
internal sealed class RevisionETag
{
    public const string Syntax = "If-Match must be the monitor's ETag as GET returned it, quoted (e.g. If-Match: \"3\"), or *.";

    private readonly IList<EntityTagHeaderValue> tags;

    private RevisionETag(IList<EntityTagHeaderValue> tags) => this.tags = tags;

    public static string Format(int revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The request's If-Match condition: null when it sends none; false when the header is not valid.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out RevisionETag? condition)
    {
        ArgumentNullException.ThrowIfNull(request);
        condition = null;
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Count == 0)
        {
            return false;
        }

        condition = new RevisionETag(tags);
        return true;
    }

    public bool IsMetBy(int revision)
    {
        var current = new EntityTagHeaderValue(Format(revision));
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true));
    }
}
