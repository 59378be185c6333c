using Polly.Timeout;
using Refit;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// Runs one call of <see cref="IFlyMachinesApi"/> and turns Refit's errors into <see cref="FlyApiException"/>:
/// an error answer is classified, an unreachable Fly is transient. Refit's own exceptions never leave,
/// since they hold the request and with it the token.
/// </summary>
internal static class FlyApiErrors
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (ApiException error)
        {
            throw new FlyApiException(FlyFailure.FromResponse(error.StatusCode, error.Content) with { RetryAfter = FlyResilience.RetryAfter(error.Headers.RetryAfter, DateTimeOffset.UtcNow) });
        }
        catch (TimeoutRejectedException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FlyApiException(new FlyFailure(FlyFailureKind.Transient, null, $"Fly did not answer in time: {error.Message}"));
        }
        catch (ApiRequestException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FlyApiException(new FlyFailure(
                FlyFailureKind.Transient, null, $"Fly could not be reached: {error.InnerException?.Message ?? error.Message}"));
        }
    }

    public static Task TranslateAsync(Func<Task> call, CancellationToken cancellationToken) =>
        TranslateAsync(async () => { await call(); return true; }, cancellationToken);
}
