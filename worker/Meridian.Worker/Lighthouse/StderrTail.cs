namespace Meridian.Worker.Lighthouse;

/// <summary>The last lines a child process wrote to stderr, for the failure reason of a run.</summary>
internal sealed class StderrTail(int capacity)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (gate)
        {
            lines.Enqueue(line.Trim());
            if (lines.Count > capacity)
            {
                lines.Dequeue();
            }
        }
    }

    /// <summary>The last few lines on one line, or a note that there were none.</summary>
    public string Summary()
    {
        lock (gate)
        {
            return lines.Count == 0 ? "(no output)" : string.Join(" | ", lines.TakeLast(3));
        }
    }
}
