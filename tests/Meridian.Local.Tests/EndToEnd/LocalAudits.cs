using Meridian.Local.Hosting;
using Meridian.Testing;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>The local cloud as the end-to-end tests start it (audits go through <see cref="Testing.Audits.AuditCalls"/>).</summary>
internal static class LocalAudits
{
    public static LocalCloudOptions Options(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        NodeModulesDirectory = RepositoryPaths.Combine("worker"),
        AllowPrivateTargets = true,
    };
}
