namespace Meridian.Local.Azurite;

/// <summary>The last lines Azurite wrote, kept for error messages; bounded so a long run costs nothing.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Lock gate = new();
    private readonly Queue<string> lines = new();

    public void Add(string line)
    {
        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }

    public bool Contains(string text) => Snapshot().Any(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>The lines, indented under a heading, to end an exception message with.</summary>
    public string Describe()
    {
        var snapshot = Snapshot();
        return snapshot.Count == 0
            ? "Azurite wrote nothing."
            : $"Last lines of Azurite's output:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", snapshot)}";
    }
}
