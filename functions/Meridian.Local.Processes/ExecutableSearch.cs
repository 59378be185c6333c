namespace Meridian.Local.Processes;

/// <summary>Finds a program on a PATH, as a shell would, without starting anything.</summary>
public static class ExecutableSearch
{
    /// <param name="pathVariable">The PATH to search; this process's PATH when null.</param>
    public static string? Find(string program, string? pathVariable = null) =>
        (pathVariable ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
