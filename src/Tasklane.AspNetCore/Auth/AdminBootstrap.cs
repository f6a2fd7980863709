using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tasklane.AspNetCore;

/// <summary>
/// On start with an empty user table, creates the <c>admin</c> user (configured or random password); with the host's
/// authentication only when <see cref="TasklaneHttpOptions.AdminPassword"/> is set.
/// </summary>
internal sealed partial class AdminBootstrap(
    ITaskStore store,
    IAccountStore accounts,
    IPasswordHasher<UserRow> hasher,
    IOptions<TasklaneHttpOptions> options,
    TimeProvider time,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Validate() is { } error)
        {
            throw new OptionsValidationException(nameof(TasklaneHttpOptions), typeof(TasklaneHttpOptions), [error]);
        }
        await store.MigrateAsync(cancellationToken);
        // The host's own users sign in: no Tasklane admin with a printed password, unless the host asks for one.
        if (options.Value.HostAuthentication is not null && options.Value.AdminPassword is null) return;
        if (await accounts.CountUsersAsync(cancellationToken) > 0) return;

        var password = options.Value.AdminPassword;
        var generated = password is null;
        password ??= WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(18));
        var placeholder = new UserRow { Username = "admin", PasswordHash = "", Role = Permissions.AdminRole };
        var created = await accounts.CreateUserAsync("admin", hasher.HashPassword(placeholder, password), Permissions.AdminRole, time.GetUtcNow(), cancellationToken);
        if (created is null) return;
        if (generated)
        {
            await Console.Out.WriteLineAsync($"Tasklane admin password: {password}");
            LogGeneratedAdmin(logger);
        }
        else
        {
            LogCreatedAdmin(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the user 'admin' with a random password, printed once to standard output; change it after signing in.")]
    private static partial void LogGeneratedAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the user 'admin' with the configured password.")]
    private static partial void LogCreatedAdmin(ILogger logger);
}
