namespace Meridian.Local.Azurite;

/// <summary>
/// Azurite was started but never answered: it exited, or the start timeout passed. The message ends
/// with Azurite's last output lines, which say why far better than a timeout does.
/// </summary>
public sealed class AzuriteStartException : Exception
{
    public AzuriteStartException()
    {
    }

    public AzuriteStartException(string message)
        : base(message)
    {
    }

    public AzuriteStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
