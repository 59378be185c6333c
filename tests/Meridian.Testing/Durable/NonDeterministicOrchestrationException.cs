namespace Meridian.Testing.Durable;

/// <summary>The orchestration did something on replay that differs from its history: in Azure it would fail or misbehave.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message);
