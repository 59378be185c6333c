namespace Meridian.Contract.Targets;

/// <summary>The guard's one setting; the app fills it from its own options, the worker leaves it off.</summary>
public sealed class TargetGuardOptions
{
    /// <summary>
    /// Lets targets be loopback and private addresses. Off by default: only the local host turns it
    /// on, to audit a page it serves on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateTargets { get; init; }
}
