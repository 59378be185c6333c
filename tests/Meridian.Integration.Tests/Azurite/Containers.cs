namespace Meridian.Integration.Tests.Azurite;

/// <summary>Container names of their own for tests that share one Azurite.</summary>
internal static class Containers
{
    public static string NewName() => $"test-{Guid.NewGuid():N}";
}
