using System.Globalization;
using Meridian.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Meridian.Core.Http;

/// <summary>What every endpoint reads from a request the same way.</summary>
internal static class ApiRequest
{
    /// <summary>
    /// The JSON body as <typeparamref name="T"/>, or the problem to answer instead, checked in this order:
    /// 415 (not JSON), 413 (over the limit, never buffered past it), 400 (broken framing, or not readable as <typeparamref name="T"/>).
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, int limit, CancellationToken cancellationToken)
        where T : class
    {
        if (!RequestBody.IsJsonOrUnspecified(request))
        {
            return (null, ApiProblems.UnsupportedMediaType());
        }

        var (body, bodyProblem) = await RequestBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return (null, bodyProblem);
        }

        var (value, problem) = JsonBody.Read<T>(body);
        return value is null ? (null, ApiProblems.Invalid([problem!])) : (value, null);
    }

    /// <summary>The <c>pageSize</c> query parameter, from 1 to <paramref name="max"/>; a problem named after it otherwise.</summary>
    public static int PageSize(IQueryCollection query, int defaultSize, int max, List<ValidationProblem> problems)
    {
        if (!query.TryGetValue("pageSize", out var text))
        {
            return defaultSize;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1 || size > max)
        {
            problems.Add(new("pageSize", $"'pageSize' must be a whole number from 1 to {max}."));
        }

        return size;
    }
}
