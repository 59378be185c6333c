namespace Meridian.Core.Validation;

/// <summary>One thing wrong with a request, in words the person who sent it can act on.</summary>
/// <param name="Field">The JSON name of the member at fault (e.g. "url", "regions").</param>
/// <param name="Message">A whole sentence saying what is wrong and, where it helps, what is allowed.</param>
public sealed record ValidationProblem(string Field, string Message);
