using Meridian.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Meridian.Core.Http;

/// <summary>Error answers as RFC 9457 problem details: a title, the status, a sentence that says what to do.</summary>
public static class ApiProblems
{
    /// <summary>
    /// Enough problems to fix a request in one go, and few enough that a small request full of junk
    /// (a thousand unknown regions) cannot make a large answer.
    /// </summary>
    public const int MaxListedProblems = 20;

    /// <summary>400 with the problems (at most <see cref="MaxListedProblems"/>), grouped by field, so a client can fix them all in one go.</summary>
    public static IResult Invalid(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems
            .Take(MaxListedProblems)
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        var detail = problems.Count > MaxListedProblems
            ? $"{problems.Count} problems; the first {MaxListedProblems} are listed in errors."
            : $"{problems.Count} problem(s); see errors.";
        return Results.ValidationProblem(errors, title: "The request is not valid.", detail: detail);
    }

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "The request is not valid.", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found.", detail);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "The signature was not accepted.", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict.", detail);

    public static IResult PreconditionFailed(string detail) => Problem(StatusCodes.Status412PreconditionFailed, "It has changed since you read it.", detail);

    public static IResult PreconditionRequired(string detail) => Problem(StatusCodes.Status428PreconditionRequired, "Say which version you are changing.", detail);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"Send at most {limit} bytes.");

    public const string NoSuchRouteDetail = "Nothing is served at this path. The API's routes are listed in /api/openapi.json.";

    public const string MethodNotAllowedDetail = "This path does not take this method. The API's routes and their methods are listed in /api/openapi.json.";

    public static string MethodNotAllowedText(IReadOnlyList<string> allowed) =>
        allowed.Count == 0 ? MethodNotAllowedDetail : $"{MethodNotAllowedDetail} This path takes {string.Join(", ", allowed)}.";

    /// <summary>The body's framing is broken (400) or it came too slowly (408).</summary>
    public static IResult BodyUnreadable(int status) => status == StatusCodes.Status408RequestTimeout
        ? Problem(status, "The body came too slowly.", "Send the whole body at once; the server stops waiting for a body that trickles in.")
        : Problem(StatusCodes.Status400BadRequest, "The body could not be read.", "Its framing is broken: check Content-Length, or the chunked encoding.");

    public static IResult UriTooLong(int limit) =>
        Problem(StatusCodes.Status414UriTooLong, "The URL is too long.", $"Send a path and query of at most {limit} characters.");

    public static IResult HeadersTooLarge(int maxBytes, int maxCount) =>
        Problem(StatusCodes.Status431RequestHeaderFieldsTooLarge, "The headers are too large.", $"Send at most {maxCount} headers and {maxBytes} bytes of them.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Send JSON.", "The body must be JSON (Content-Type: application/json).");

    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "Try again shortly.", detail);

    /// <summary>
    /// The problem <c>type</c> for a status ASP.NET Core has no default for (it fills in the RFC 9110
    /// sections of the common ones), so every problem body names its type.
    /// </summary>
    public static string? TypeFor(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status414UriTooLong => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        StatusCodes.Status428PreconditionRequired => "https://tools.ietf.org/html/rfc6585#section-3",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "https://tools.ietf.org/html/rfc6585#section-5",
        _ => null,
    };

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeFor(status));
}
