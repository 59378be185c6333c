namespace Meridian.Azurite;

/// <summary>Finds a program on a PATH, as a shell would, without starting anything.</summary>
internal static class ExecutableSearch
{
    public static string? Find(string program, string? pathVariable) =>
        (pathVariable ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}
