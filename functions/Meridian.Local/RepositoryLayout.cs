namespace Meridian.Local;

/// <summary>Where the local host finds the repository's Node packages and keeps its data.</summary>
public static class RepositoryLayout
{
    /// <summary>The folder holding Functions.sln above this program, or null when it runs outside a clone.</summary>
    public static string? FindRoot(string? start = null)
    {
        for (var folder = new DirectoryInfo(start ?? AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Functions.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary><c>worker/</c>, where <c>npm ci</c> (run by the build) installs lighthouse and azurite.</summary>
    public static string NodeModulesDirectory(string root) => Path.Combine(root, "worker");

    /// <summary><c>.meridian/</c> under the repository (git-ignored): Azurite's data and the written reports.</summary>
    public static string DataDirectory(string root) => Path.Combine(root, ".meridian");
}
