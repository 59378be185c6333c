namespace Meridian.Core.Durable;

/// <summary>An activity failed after all its retries (Durable Task's <c>TaskFailedException</c>, as the port sees it).</summary>
public sealed class ActivityFailedException : Exception
{
    public ActivityFailedException(string activityName, string errorMessage, Exception? innerException = null)
        : base($"Activity '{activityName}' failed: {errorMessage}", innerException)
    {
        ActivityName = activityName;
        ErrorMessage = errorMessage;
    }

    public string ActivityName { get; }

    /// <summary>The activity's own error message, without the engine's wrapping.</summary>
    public string ErrorMessage { get; }
}
