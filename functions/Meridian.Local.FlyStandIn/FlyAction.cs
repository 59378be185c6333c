namespace Meridian.Local.FlyStandIn;

/// <summary>The Machines API actions, each rate-limited on its own as Fly does.</summary>
public enum FlyAction
{
    Create,
    Get,
    Wait,
    Stop,
    Start,
    Delete,
    List,
}
