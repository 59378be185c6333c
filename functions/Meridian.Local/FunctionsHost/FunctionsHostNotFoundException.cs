namespace Meridian.Local.FunctionsHost;

/// <summary>No Azure Functions host is installed, or the setting naming one is wrong; the message says what to do.</summary>
public sealed class FunctionsHostNotFoundException(string message) : Exception(message);
