using System.Diagnostics.CodeAnalysis;

namespace Meridian.Core.Validation;

/// <summary>
/// The outcome of validating raw input: either the validated value, or every problem found
/// (never only the first, so the caller can fix everything in one go).
/// Create one with <see cref="ValidationResult.Valid{T}"/> or <see cref="ValidationResult.Invalid{T}"/>.
/// </summary>
public sealed class ValidationResult<T>
    where T : class
{
    internal ValidationResult(T? value, IReadOnlyList<ValidationProblem> problems)
    {
        Value = value;
        Problems = problems;
    }

    /// <summary>The validated value; null exactly when <see cref="Problems"/> is not empty.</summary>
    public T? Value { get; }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;
}

/// <summary>Factories for <see cref="ValidationResult{T}"/> (here, not on the generic type, so T is inferred).</summary>
public static class ValidationResult
{
    public static ValidationResult<T> Valid<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, []);
    }

    public static ValidationResult<T> Invalid<T>(IReadOnlyList<ValidationProblem> problems)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("An invalid result needs at least one problem.", nameof(problems));
        }

        // Copied so a caller that keeps adding to its list cannot change a result already returned.
        return new(null, [.. problems]);
    }
}
