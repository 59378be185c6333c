using System.Net;
using System.Text.Json;

namespace Meridian.Core.Machines.Fly;

/// <summary>What a failed Fly call means for an audit: the closed set the orchestration acts on.</summary>
public enum FlyFailureKind
{
    /// <summary>Fly cannot place a machine in the region now (capacity, quota, unknown region): try other regions.</summary>
    RegionUnavailable,

    /// <summary>The token, app, image or machine config is wrong: every region will fail alike, stop the audit.</summary>
    Configuration,

    /// <summary>The machine (or app) does not exist.</summary>
    NotFound,

    /// <summary>A machine with that name already exists (a retried create): never a configuration error.</summary>
    AlreadyExists,

    /// <summary>Rate limits, 5xx or the network outlived the retries.</summary>
    Transient,
}

/// <summary>A classified Fly error with Fly's own text, safe to show: it never carries the request or its token.</summary>
/// <param name="RetryAfter">How long Fly asked to wait (Retry-After), when it did.</param>
public sealed record FlyFailure(FlyFailureKind Kind, int? StatusCode, string Message, TimeSpan? RetryAfter = null)
{
    /// <summary>Fly's rate limit: nothing was done, and the same call may go again later.</summary>
    public bool IsRateLimited => StatusCode == (int)HttpStatusCode.TooManyRequests;

    /// <summary>Classifies an HTTP error from Fly by status, Fly's error code and its text (Fly's codes are not always set).</summary>
    public static FlyFailure FromResponse(HttpStatusCode status, string? body)
    {
        var error = ReadError(body);
        var text = NonEmpty(error?.Error) ?? NonEmpty(error?.Message) ?? (string.IsNullOrWhiteSpace(body) ? status.ToString() : body.Trim());

        // {"status":"error","message":…} says nothing by its status: it is no code.
        var code = error?.Status is "error" ? null : error?.Status;
        var message = $"Fly answered {(int)status}: {text}" + (string.IsNullOrEmpty(code) ? "" : $" ({code})");
        return new FlyFailure(Classify(status, code, text), (int)status, message);
    }

    private static FlyFailureKind Classify(HttpStatusCode status, string? code, string text)
    {
        bool Says(string word) => text.Contains(word, StringComparison.OrdinalIgnoreCase);

        if (code is "insufficient_capacity" || Says("insufficient") || Says("capacity"))
        {
            return FlyFailureKind.RegionUnavailable;
        }

        return (int)status switch
        {
            403 when Says("quota") || Says("other regions") => FlyFailureKind.RegionUnavailable,
            400 or 422 when Says("region") => FlyFailureKind.RegionUnavailable,
            409 or 422 when Says("already") || Says("taken") || Says("unique") => FlyFailureKind.AlreadyExists,
            401 or 403 or 400 or 422 => FlyFailureKind.Configuration,
            404 when Says("app") => FlyFailureKind.Configuration,
            404 => FlyFailureKind.NotFound,
            _ => FlyFailureKind.Transient,
        };
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static FlyErrorResponse? ReadError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, FlyJsonContext.Default.FlyErrorResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A Fly call failed in a way the caller cannot turn into a result.</summary>
public sealed class FlyApiException(FlyFailure failure) : Exception(failure.Message)
{
    public FlyFailure Failure { get; } = failure;
}
