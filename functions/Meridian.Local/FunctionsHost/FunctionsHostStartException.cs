namespace Meridian.Local.FunctionsHost;

/// <summary>The Functions host exited or did not get ready; the message carries its last output lines.</summary>
public sealed class FunctionsHostStartException(string message) : Exception(message);
