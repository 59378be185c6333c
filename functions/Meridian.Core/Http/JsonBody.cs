using System.Text.Json;
using System.Text.Json.Serialization;
using Meridian.Core.Validation;

namespace Meridian.Core.Http;

/// <summary>
/// Strict JSON reading for request bodies: web naming, no unknown fields (a typo like "region" must
/// not silently mean "no regions"), no trailing commas or comments, numbers as numbers.
/// </summary>
public static class JsonBody
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>The value, or a problem naming the field (JSON path) that could not be read.</summary>
    public static (T? Value, ValidationProblem? Problem) Read<T>(byte[] body)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.Length == 0)
        {
            return (null, new ValidationProblem("$", "The body is empty; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            return value is null
                ? (null, new ValidationProblem("$", "The body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Describe(e));
        }
    }

    private static ValidationProblem Describe(JsonException e)
    {
        var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

        // The serializer's own messages name .NET types; say it in the API's terms.
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return new ValidationProblem(field, $"'{field}' is not a known field.");
        }

        return e.BytePositionInLine is not null && e.Message.Contains("is invalid", StringComparison.OrdinalIgnoreCase)
            ? new ValidationProblem(field, "The body is not valid JSON.")
            : new ValidationProblem(field, field == "$" ? "The body must be a JSON object." : $"'{field}' has the wrong type or format.");
    }
}
