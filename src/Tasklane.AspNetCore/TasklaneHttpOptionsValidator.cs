using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>Checks <see cref="TasklaneHttpOptions"/> at start, saying which option is wrong and why.</summary>
internal sealed class TasklaneHttpOptionsValidator : IValidateOptions<TasklaneHttpOptions>
{
    public ValidateOptionsResult Validate(string? name, TasklaneHttpOptions options) =>
        options.Validate() is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
}
