namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>The last lines a machine wrote; bounded so a chatty worker cannot fill the stand-in's memory.</summary>
internal sealed class OutputBuffer(int capacity, Action<MachineOutputLine> onLine)
{
    private readonly Lock gate = new();
    private readonly Queue<MachineOutputLine> lines = new();

    public void Add(MachineOutputLine line)
    {
        onLine(line);
        lock (gate)
        {
            if (lines.Count == capacity)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }

    public IReadOnlyList<MachineOutputLine> Snapshot()
    {
        lock (gate)
        {
            return [.. lines];
        }
    }
}
