using System.Diagnostics.CodeAnalysis;

namespace Meridian.Worker;

/// <summary>What <see cref="WorkerSettingsReader"/> found: the settings, or every problem at once.</summary>
/// <param name="Value">The settings; null exactly when <see cref="Problems"/> is not empty.</param>
public sealed record SettingsRead(WorkerSettings? Value, IReadOnlyList<SettingProblem> Problems)
{
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;
}

/// <summary>One environment variable that is missing or malformed.</summary>
/// <param name="Field">The variable's name.</param>
/// <param name="Message">A sentence naming the variable; never a secret's value.</param>
public sealed record SettingProblem(string Field, string Message);
