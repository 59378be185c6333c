namespace Meridian.Local.FlyStandIn;

/// <summary>Where a machine's exit is written in its "exit" event: Fly has used both places (fly-go reads MonitorEvent first).</summary>
public enum ExitEventPlace
{
    /// <summary>Under <c>request.MonitorEvent</c> for one machine, right under <c>request</c> for the next, so a client meets both.</summary>
    Alternate,

    /// <summary><c>request.exit_event</c>.</summary>
    Request,

    /// <summary><c>request.MonitorEvent.exit_event</c>.</summary>
    MonitorEvent,
}
