using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Http;
using Meridian.Integration.Tests.Http;
using Meridian.Testing;

namespace Meridian.Integration.Tests.Functions;

/// <summary>
/// The function list the Functions SDK built for the app (functions.metadata, what the host indexes)
/// against what the rest of the code says: the task classes the engines register, the activities the
/// orchestration calls, the routes the local host maps, the keys each route needs, the timers' schedules.
/// </summary>
public sealed partial class FunctionsMetadataTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private static readonly List<BuiltFunction> Built = BuiltFunction.ReadAll(
        typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "FunctionsMetadata").Value!);

    [Fact]
    public void The_orchestrators_and_activities_are_the_task_classes_the_engines_register()
    {
        Assert.Equal(Names(AuditTasks.Orchestrators), Triggered("orchestrationTrigger"));
        Assert.Equal(Names(AuditTasks.Activities), Triggered("activityTrigger"));
    }

    [Fact]
    public void Every_activity_the_orchestration_calls_is_registered_by_its_class_name()
    {
        var folder = RepositoryPaths.Combine("functions", "Meridian.Core", "Audits", "Orchestration");
        var sources = Directory.GetFiles(folder, "*.cs").Select(File.ReadAllText).ToList();

        var calls = sources.Sum(source => ActivityCalls().Count(source));
        var called = sources.SelectMany(source => ActivityCallsByName().Matches(source)).Select(match => match.Groups["name"].Value).ToList();

        Assert.True(calls > 0, "found no activity call; has the orchestration moved?");
        Assert.True(calls == called.Count, "every CallActivityAsync names its activity with nameof(…), so a rename cannot leave it behind");
        Assert.Subset(Names(AuditTasks.Activities).ToHashSet(), called.ToHashSet());
    }

    [Fact]
    public void The_http_triggers_are_exactly_the_route_table_with_its_names_methods_and_keys()
    {
        var table = ApiOperations.All
            .Select(operation => $"{operation.Name} {operation.Method} {operation.Route} {(operation.Anonymous ? "Anonymous" : "Function")}")
            .Order(StringComparer.Ordinal);

        var triggered = Built.Where(function => function.Trigger.Type == "httpTrigger")
            .SelectMany(function => function.Trigger.Methods.Select(method => $"{function.Name} {method.ToUpperInvariant()} {function.Trigger.Route} {function.Trigger.AuthLevel}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(table, triggered);
    }

    [Fact]
    public void The_http_triggers_are_exactly_the_routes_the_local_host_maps()
    {
        var mapped = host.MappedOperations();

        var triggered = Built.Where(function => function.Trigger.Type == "httpTrigger")
            .SelectMany(function => function.Trigger.Methods.Select(method => $"{method.ToUpperInvariant()} /{ApiRoutes.Prefix}/{function.Trigger.Route}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(mapped, triggered);
    }

    /// <summary>The callback is authenticated by its signature and the document is public; every other route needs a function key.</summary>
    [Fact]
    public void Only_the_signed_callback_and_the_openapi_document_are_anonymous()
    {
        var anonymous = Built.Where(function => function.Trigger.Type == "httpTrigger" && function.Trigger.AuthLevel != "Function")
            .Select(function => $"{function.Trigger.AuthLevel} {function.Trigger.Route}")
            .Order(StringComparer.Ordinal);

        Assert.Equal([$"Anonymous {ApiRoutes.RegionResult}", $"Anonymous {ApiRoutes.OpenApi}"], anonymous);
    }

    /// <summary>As README.md and the Functions app's README say: the monitors every minute, the orphan sweep every ten.</summary>
    [Fact]
    public void The_timers_run_on_their_documented_schedules()
    {
        var schedules = Built.Where(function => function.Trigger.Type == "timerTrigger")
            .ToDictionary(function => function.Name, function => function.Trigger.Schedule);

        Assert.Equal(
            new Dictionary<string, string?> { ["MonitorSchedulerFunction"] = "0 */1 * * * *", ["OrphanSweepFunction"] = "0 */10 * * * *" },
            schedules);
        Assert.Contains("`MonitorSchedulerFunction`, `0 */1 * * * *`, UTC", File.ReadAllText(RepositoryPaths.Combine("README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_else_is_triggered()
    {
        string[] known = ["orchestrationTrigger", "activityTrigger", "httpTrigger", "timerTrigger"];

        Assert.Empty(Built.Where(function => !known.Contains(function.Trigger.Type)).Select(function => function.Name));
        Assert.Equal(19, Built.Count);
        Assert.Equal(Built.Count, Built.Select(function => function.Name).Distinct().Count());
    }

    private static IEnumerable<string> Names(IEnumerable<Type> types) => types.Select(type => type.Name).Order(StringComparer.Ordinal);

    private static IEnumerable<string> Triggered(string type) =>
        Built.Where(function => function.Trigger.Type == type).Select(function => function.Name).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\.CallActivityAsync\b")]
    private static partial Regex ActivityCalls();

    [GeneratedRegex(@"\.CallActivityAsync(<[^>(]*>)?\(\s*nameof\((?<name>\w+)\)")]
    private static partial Regex ActivityCallsByName();

    /// <summary>One entry of functions.metadata: its name and its one trigger binding.</summary>
    private sealed record BuiltFunction(string Name, Trigger Trigger)
    {
        public static List<BuiltFunction> ReadAll(string path)
        {
            Assert.True(File.Exists(path), $"{path} is missing: the Functions app has not been built for this configuration.");
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.EnumerateArray().Select(function => new BuiltFunction(
                function.GetProperty("name").GetString()!,
                Trigger.Of(function.GetProperty("bindings").EnumerateArray()
                    .Single(binding => binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))))).ToList();
        }
    }

    private sealed record Trigger(string Type, string? Route, IReadOnlyList<string> Methods, string? AuthLevel, string? Schedule)
    {
        public static Trigger Of(JsonElement binding) => new(
            binding.GetProperty("type").GetString()!,
            Text(binding, "route"),
            binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(method => method.GetString()!).ToList() : [],
            Text(binding, "authLevel"),
            Text(binding, "schedule"));

        private static string? Text(JsonElement binding, string name) =>
            binding.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
