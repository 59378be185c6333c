namespace Meridian.Testing.Api;

/// <summary>What a hostile campaign sends.</summary>
public enum HostileScope
{
    /// <summary>The API's inputs, to its operations: bodies, SSRF targets, ids, list queries, callbacks.</summary>
    Api,

    /// <summary>Also the host's own answers: unknown routes, wrong methods, report pages, the server's limits (URL and header sizes, broken framing).</summary>
    Everything,
}
