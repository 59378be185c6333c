using System.Reflection;
using System.Text.RegularExpressions;
using CsvHelper;
using Meridian.Core.Reports.PowerBi;
using Meridian.Testing;

namespace Meridian.Core.Tests.Reports.PowerBi;

/// <summary>The region-results schema as the docs (docs/power-bi.md), the Power Query script and the code state it.</summary>
internal static partial class DocumentedSchema
{
    public static string PowerQueryPath { get; } = RepositoryPaths.Combine("docs", "power-bi", "meridian-region-results.pq");

    /// <summary>Column name → Power Query type word (text, number, Int64, datetimezone), in the order of docs/power-bi.md's table.</summary>
    public static IReadOnlyList<(string Column, string Type)> FromDocs() =>
        DocsRow().Matches(File.ReadAllText(RepositoryPaths.Combine("docs", "power-bi.md")))
            .Select(match => (match.Groups["column"].Value, match.Groups["type"].Value.Trim()))
            .ToList();

    /// <summary>Column name → type word, in the order of the script's Table.TransformColumnTypes list.</summary>
    public static IReadOnlyList<(string Column, string Type)> FromPowerQuery() =>
        PowerQueryType().Matches(File.ReadAllText(PowerQueryPath))
            .Select(match => (match.Groups["column"].Value, match.Groups["type"].Value switch
            {
                "type text" => "text",
                "type number" => "number",
                "Int64.Type" => "Int64",
                "type datetimezone" => "datetimezone",
                var other => other,
            }))
            .ToList();

    /// <summary>Column name → type word of the <see cref="PowerBiRow"/> member that writes it.</summary>
    public static IReadOnlyDictionary<string, string> FromCode() =>
        typeof(PowerBiRow).GetProperties()
            .Where(property => property.GetCustomAttribute<CsvColumnAttribute>() is not null)
            .ToDictionary(
                property => property.GetCustomAttribute<CsvColumnAttribute>()!.Name!,
                property => (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) switch
                {
                    var t when t == typeof(string) => "text",
                    var t when t == typeof(double) => "number",
                    var t when t == typeof(int) || t == typeof(long) => "Int64",
                    var t when t == typeof(DateTimeOffset) => "datetimezone",
                    var t => t.Name,
                });

    [GeneratedRegex(@"^\| `(?<column>[a-z0-9_]+)` \| (?<type>[^|]+)\|", RegexOptions.Multiline)]
    private static partial Regex DocsRow();

    [GeneratedRegex(@"\{""(?<column>[a-z0-9_]+)"",\s*(?<type>type text|type number|type datetimezone|Int64\.Type|[^}]+)\}")]
    private static partial Regex PowerQueryType();
}
