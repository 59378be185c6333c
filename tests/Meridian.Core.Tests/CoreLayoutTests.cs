using System.Text.RegularExpressions;
using Meridian.Testing;

namespace Meridian.Core.Tests;

/// <summary>
/// The shape of Core that lets a newcomer read one feature without walking through the others: each
/// top-level folder is a feature (or a foundation the features share), and no two of them need each
/// other. Files at Core's root compose the features (service registration, the route mapping) and
/// nothing inside a feature uses them. The graph is read from the sources: a folder depends on another
/// when one of its files imports or names that folder's namespace.
/// </summary>
public partial class CoreLayoutTests
{
    private static readonly string CoreFolder = RepositoryPaths.Combine("functions", "Meridian.Core");

    [Fact]
    public void No_two_folders_of_core_depend_on_each_other_even_through_others()
    {
        var graph = FolderGraph();

        var cycle = FindCycle(graph);

        Assert.True(graph.Count >= 10, $"read only {graph.Count} folders; has Core moved?");
        Assert.True(cycle is null, $"folder cycle: {string.Join(" -> ", cycle ?? [])}. Put the port beside the feature that calls it.");
    }

    [Fact]
    public void The_cycle_check_finds_a_cycle_through_a_third_folder()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Audits"] = ["Machines"],
            ["Machines"] = ["Storage"],
            ["Storage"] = ["Audits"],
            ["Regions"] = [],
        };

        Assert.Equal(["Audits", "Machines", "Storage", "Audits"], FindCycle(graph));
    }

    [Fact]
    public void Nothing_inside_a_feature_uses_the_composition_at_cores_root()
    {
        var rootTypes = Directory.GetFiles(CoreFolder, "*.cs")
            .SelectMany(file => Declarations().Matches(File.ReadAllText(file)).Select(match => match.Groups["name"].Value))
            .ToList();

        var uses = FeatureFiles()
            .SelectMany(file => rootTypes
                .Where(type => Regex.IsMatch(Code(File.ReadAllText(file)), $@"\b{type}\b"))
                .Select(type => $"{Path.GetRelativePath(CoreFolder, file)} uses {type}"))
            .ToList();

        Assert.NotEmpty(rootTypes);
        Assert.Empty(uses);
    }

    [Fact]
    public void The_five_files_the_readme_names_to_follow_one_audit_are_there()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));
        var section = readme[readme.IndexOf("To follow one audit", StringComparison.Ordinal)..];

        var files = FollowedFiles().Matches(section).Select(match => match.Groups["file"].Value).ToList();

        Assert.Equal(5, files.Count);
        Assert.All(files, file => Assert.True(File.Exists(Path.Combine(CoreFolder, file)), $"README names {file}, which is not in Core."));
    }

    public static TheoryData<string> ShippingProjects() => ["functions/Meridian.Contract", "functions/Meridian.Core", "functions/Meridian.Functions", "worker/Meridian.Worker"];

    [Theory]
    [MemberData(nameof(ShippingProjects))]
    public void No_file_that_ships_is_over_300_lines(string project)
    {
        var files = SourceFiles(RepositoryPaths.Combine(project.Split('/')));

        var tooLong = files
            .Select(file => (File: Path.GetRelativePath(RepositoryPaths.Root, file), Lines: File.ReadLines(file).Count()))
            .Where(file => file.Lines > 300)
            .Select(file => $"{file.File}: {file.Lines} lines")
            .ToList();

        Assert.NotEmpty(files);
        Assert.Empty(tooLong);
    }

    /// <summary>Folder → the folders its files use, from <c>using Meridian.Core.X</c> and names written <c>Meridian.Core.X.</c> or <c>X.Type</c>.</summary>
    private static Dictionary<string, HashSet<string>> FolderGraph()
    {
        var folders = Directory.GetDirectories(CoreFolder).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj")).Cast<string>().ToHashSet();
        var graph = folders.ToDictionary(folder => folder, _ => new HashSet<string>());
        foreach (var file in FeatureFiles())
        {
            var folder = Path.GetRelativePath(CoreFolder, file).Split(Path.DirectorySeparatorChar)[0];
            var source = File.ReadAllText(file);
            var named = CoreNamespaceUses().Matches(source).Select(match => match.Groups["folder"].Value)
                .Concat(RelativeNames().Matches(Code(source)).Select(match => match.Groups["folder"].Value).Where(folders.Contains));
            graph[folder].UnionWith(named.Where(other => other != folder && folders.Contains(other)));
        }

        return graph;
    }

    /// <summary>A path that comes back to where it started, or null.</summary>
    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>();
        var path = new List<string>();

        List<string>? Visit(string folder)
        {
            if (path.Contains(folder))
            {
                return [.. path.Skip(path.IndexOf(folder)), folder];
            }

            if (!done.Add(folder))
            {
                return null;
            }

            path.Add(folder);
            foreach (var next in graph.GetValueOrDefault(folder, []).Order(StringComparer.Ordinal))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            return null;
        }

        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(cycle => cycle is not null);
    }

    private static IEnumerable<string> FeatureFiles() =>
        SourceFiles(CoreFolder).Where(file => Path.GetDirectoryName(file) != CoreFolder);

    private static List<string> SourceFiles(string folder) =>
        [
            .. Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)),
        ];

    /// <summary>The source without comments and string literals, where a word is not a use.</summary>
    private static string Code(string source) => CommentsAndStrings().Replace(source, " ");

    [GeneratedRegex(@"^\d\. `(?<file>[^`]+\.cs)`", RegexOptions.Multiline)]
    private static partial Regex FollowedFiles();

    [GeneratedRegex(@"\bMeridian\.Core\.(?<folder>[A-Z][A-Za-z]*)")]
    private static partial Regex CoreNamespaceUses();

    [GeneratedRegex(@"(?<![.\w])(?<folder>[A-Z][A-Za-z]*)\.[A-Z]\w*")]
    private static partial Regex RelativeNames();

    [GeneratedRegex(@"//[^\n]*|""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex CommentsAndStrings();

    [GeneratedRegex(@"^(?:public|internal)\s+(?:static\s+|sealed\s+|partial\s+)*(?:class|record|interface|enum)\s+(?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex Declarations();
}
