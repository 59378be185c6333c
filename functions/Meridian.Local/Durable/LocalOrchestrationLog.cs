using Microsoft.Extensions.Logging;

namespace Meridian.Local.Durable;

/// <summary>What the local engine tells the person running it: the lines Durable's own logs would hold.</summary>
internal static partial class LocalOrchestrationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Orchestration {OrchestratorName} started as instance {InstanceId}")]
    public static partial void Started(ILogger logger, string orchestratorName, string instanceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Instance {InstanceId} completed")]
    public static partial void Completed(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Instance {InstanceId} failed: {FailureMessage}")]
    public static partial void Failed(ILogger logger, Exception exception, string instanceId, string failureMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId} terminated: the local host stopped before it finished")]
    public static partial void Terminated(ILogger logger, string instanceId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {EventName} dropped: instance {InstanceId} does not exist or has finished")]
    public static partial void EventDropped(ILogger logger, string eventName, string instanceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: activity {ActivityName} failed on attempt {Attempt} of {MaxAttempts}, retrying in {Delay}: {ErrorMessage}")]
    public static partial void ActivityRetrying(ILogger logger, string instanceId, string activityName, int attempt, int maxAttempts, TimeSpan delay, string errorMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The local host stopped; {Count} instance(s) did not wind down within {Grace}")]
    public static partial void ShutdownTimedOut(ILogger logger, int count, TimeSpan grace);
}
