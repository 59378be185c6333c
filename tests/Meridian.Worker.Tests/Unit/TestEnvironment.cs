using Meridian.Contract.Jobs;
using Meridian.Testing.Audits;

namespace Meridian.Worker.Tests.Unit;

/// <summary>A worker's environment: the job's variables as the app sets them, then what a test changes.</summary>
internal sealed class TestEnvironment
{
    private readonly Dictionary<string, string?> variables;

    private TestEnvironment(IEnumerable<KeyValuePair<string, string?>> variables) => this.variables = new(variables);

    /// <summary>The variables the app sets for <paramref name="job"/> (default: <see cref="TestWorkerJobs.Create"/>).</summary>
    public static TestEnvironment ForJob(WorkerJob? job = null) =>
        new(WorkerEnvironment.For(job ?? TestWorkerJobs.Create()).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)));

    public static TestEnvironment Empty() => new([]);

    public TestEnvironment With(string name, string? value)
    {
        variables[name] = value;
        return this;
    }

    public TestEnvironment Without(string name)
    {
        variables.Remove(name);
        return this;
    }

    public IReadOnlyDictionary<string, string?> ToDictionary() => variables;

    /// <summary>The settings the reader makes of this environment; fails the test when it finds problems.</summary>
    public WorkerSettings Read()
    {
        var result = WorkerSettingsReader.Read(variables);
        Assert.True(result.IsValid, string.Join(" ", result.Problems.Select(problem => problem.Message)));
        return result.Value;
    }
}
