namespace Meridian.Integration.Tests.Azurite;

/// <summary>Container (and queue) names of their own for tests that share one Azurite.</summary>
internal static class Containers
{
    public static string NewName() => $"test-{Guid.NewGuid():N}";

    /// <summary>A table name of its own: tables take letters and digits only.</summary>
    public static string NewTableName() => $"test{Guid.NewGuid():N}";
}
