using Meridian.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace Meridian.Core.Http;

/// <summary>Error answers as RFC 9457 problem details: a title, the status, a sentence that says what to do.</summary>
public static class ApiProblems
{
    /// <summary>400 with every problem, grouped by field, so a client can fix them all in one go.</summary>
    public static IResult Invalid(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        return Results.ValidationProblem(errors, title: "The request is not valid.", detail: $"{problems.Count} problem(s); see errors.");
    }

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "The request is not valid.", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found.", detail);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "The signature was not accepted.", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict.", detail);

    public static IResult PreconditionFailed(string detail) => Problem(StatusCodes.Status412PreconditionFailed, "It has changed since you read it.", detail);

    public static IResult PreconditionRequired(string detail) => Problem(StatusCodes.Status428PreconditionRequired, "Say which version you are changing.", detail);

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"Send at most {limit} bytes.");

    public static IResult UnsupportedMediaType() =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Send JSON.", "The body must be JSON (Content-Type: application/json).");

    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "Try again shortly.", detail);

    private static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);
}
