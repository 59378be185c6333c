using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Meridian.Core.Http;

/// <summary>Reads a request body up to a limit, without ever buffering more than the limit.</summary>
public static class RequestBody
{
    /// <summary>
    /// The body's bytes, or the problem to answer instead: 413 when it is longer than
    /// <paramref name="limit"/>, 400 when its framing is broken (a chunk size that overflows, a body
    /// cut short) and 408 when it comes too slowly, which the server reports only once the body is read.
    /// </summary>
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return (null, ApiProblems.TooLarge(limit));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, limit + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    return (null, ApiProblems.TooLarge(limit));
                }
            }

            return (buffer.AsSpan(0, length).ToArray(), null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.TooLarge(limit));
        }
        catch (BadHttpRequestException e)
        {
            // A body cut short, or too slow (408). Kestrel's message names the fault, never the client's bytes.
            return (null, ApiProblems.BodyUnreadable(e.StatusCode));
        }
        catch (IOException)
        {
            // Kestrel reports a chunk size that overflows as a bare IOException ("Bad chunk size data").
            return (null, ApiProblems.BodyUnreadable(StatusCodes.Status400BadRequest));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True when the request says its body is JSON, or says nothing (curl's default is form data: refuse that).</summary>
    public static bool IsJsonOrUnspecified(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = request.ContentType;
        return string.IsNullOrEmpty(type)
            || type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.Contains("+json", StringComparison.OrdinalIgnoreCase));
    }
}
