namespace Meridian.Worker;

/// <summary>How the worker process ends; Fly reports it as the machine's exit code.</summary>
public static class WorkerExitCodes
{
    /// <summary>The result (success or failure) reached the app, by callback or fallback blob.</summary>
    public const int Delivered = 0;

    /// <summary>Neither path took the result; it is in the log.</summary>
    public const int NotDelivered = 1;

    /// <summary>The environment was missing or malformed; nothing was measured or posted.</summary>
    public const int BadEnvironment = 2;
}
