using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tasklane.AspNetCore;

namespace Tasklane;

/// <summary>Adds the Tasklane HTTP API's services to a host.</summary>
public static class TasklaneHttpServiceCollectionExtensions
{
    /// <summary>
    /// Registers the API's authentication scheme (<c>Tasklane</c>: bearer token or session cookie, or the host's user
    /// with <see cref="TasklaneHttpOptions.UseHostAuthentication"/>), one authorization policy per permission (named
    /// <c>tasklane:</c> + permission), Tasklane's own anti-forgery and key ring, problem details, the task creator accessor
    /// (the signed-in user and client address) and the first-start admin user. Call after <c>AddTasklane</c>;
    /// then map the routes with <c>app.MapTasklane()</c>.
    /// </summary>
    public static IServiceCollection AddTasklaneHttp(this IServiceCollection services, Action<TasklaneHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TasklaneHttpOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TasklaneHttpOptions>, TasklaneHttpOptionsValidator>());
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddProblemDetails();
        // Tasklane is a guest in its host: its anti-forgery, its Data Protection key ring and its policy names are its
        // own, and it adds nothing to the host's OpenTelemetry pipeline (a host adds AddTasklaneInstrumentation() and
        // its exporter; tasklane serve adds Prometheus). See docs/embedding.md.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TasklaneAuthenticationHandler>(TasklaneClaims.Scheme, displayName: "Tasklane", configureOptions: null);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(TasklanePolicies.Authenticated, p => p.AddAuthenticationSchemes(TasklaneClaims.Scheme).RequireAuthenticatedUser());
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(TasklanePolicies.For(permission), p => p.AddAuthenticationSchemes(TasklaneClaims.Scheme).RequireAuthenticatedUser().RequireClaim(TasklaneClaims.Permission, permission));
            }
        });

        // Worker-setting secrets: Tasklane's own key ring, private to Tasklane (the host's Data Protection is left
        // alone), in the database on PostgreSQL and beside the SQLite file otherwise. See Secrets/TasklaneKeyRing.cs
        // and docs/security.md.
        services.AddTasklaneKeyRing();

        // Anti-forgery tokens of the console: Tasklane's own service on Tasklane's key ring (the host's options stay as set).
        services.TryAddSingleton<TasklaneAntiforgery>();

        // The web console: Razor components rendered statically, texts in English, Ukrainian and Russian.
        services.AddRazorComponents();
        services.AddLocalization();

        services.TryAddSingleton<IPasswordHasher<UserRow>, PasswordHasher<UserRow>>();
        services.TryAddSingleton<LoginThrottle>();
        // A host that registered only its ITaskStore (one of Tasklane's SQL stores) gets the same store as the account seam.
        services.TryAddSingleton<IAccountStore>(sp => sp.GetRequiredService<ITaskStore>() as IAccountStore
            ?? throw new InvalidOperationException("The registered ITaskStore keeps no users: register an IAccountStore as well."));
        // Webhooks (alerts): the store's outbox seam, the sender on its own named HTTP client (no redirects; the host's
        // clients are left as they are) and every node's delivery loop. See docs/webhooks.md.
        services.TryAddSingleton<IWebhookStore>(sp => sp.GetRequiredService<ITaskStore>() as IWebhookStore
            ?? throw new InvalidOperationException("The registered ITaskStore keeps no webhooks: register an IWebhookStore as well."));
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .ConfigureHttpClient(c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            // The factory's request logging would write whole URLs, and a hook URL may carry a token.
            .RemoveAllLoggers();
        services.TryAddSingleton<WebhookWakeup>();
        services.TryAddSingleton<WebhookSender>();
        services.AddHostedService<WebhookDeliveryService>();
        services.TryAddSingleton<TaskWatcher>();
        services.TryAddSingleton<Tasklane.AspNetCore.WebConsole.ConsoleChangeFeed>();
        services.TryAddSingleton<TasklanePrefixes>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskCreatorAccessor, HttpTaskCreatorAccessor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, TasklaneStartupFilter>());
        services.AddHostedService<AdminBootstrap>();
        return services;
    }
}
