namespace Meridian.Local.Azurite;

/// <summary>Node.js or Azurite is missing; the message names what and the command that fixes it.</summary>
public sealed class AzuriteNotInstalledException : Exception
{
    public AzuriteNotInstalledException()
    {
    }

    public AzuriteNotInstalledException(string message)
        : base(message)
    {
    }

    public AzuriteNotInstalledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
