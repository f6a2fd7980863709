using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
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
    /// Registers the API's authentication scheme (<c>Tasklane</c>: bearer token or session cookie), one
    /// authorization policy per permission, anti-forgery, problem details, the task creator accessor
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
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryFilter.HeaderName;
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TasklaneAuthenticationHandler>(TasklaneClaims.Scheme, displayName: "Tasklane", configureOptions: null);
        services.AddAuthorization(o =>
        {
            o.AddPolicy(TasklaneClaims.AuthenticatedPolicy, p => p.AddAuthenticationSchemes(TasklaneClaims.Scheme).RequireAuthenticatedUser());
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(permission, p => p.AddAuthenticationSchemes(TasklaneClaims.Scheme).RequireAuthenticatedUser().RequireClaim(TasklaneClaims.Permission, permission));
            }
        });

        // Worker-setting secrets: Tasklane's own key ring, private to Tasklane (the host's Data Protection is left
        // alone), in the database on PostgreSQL and beside the SQLite file otherwise. See Secrets/TasklaneKeyRing.cs
        // and docs/security.md.
        services.AddTasklaneKeyRing();

        // Metrics: the engine's meter, exported in the Prometheus text format at {prefix}/metrics.
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(TasklaneMetrics.MeterName)
            .AddView("task.run.duration", new ExplicitBucketHistogramConfiguration
            {
                Boundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
            })
            .AddPrometheusExporter());

        // The web console: Razor components rendered statically, texts in English, Ukrainian and Russian.
        services.AddRazorComponents();
        services.AddLocalization();

        services.TryAddSingleton<IPasswordHasher<UserRow>, PasswordHasher<UserRow>>();
        services.TryAddSingleton<LoginThrottle>();
        // A host that registered only its ITaskStore (one of Tasklane's SQL stores) gets the same store as the account seam.
        services.TryAddSingleton<IAccountStore>(sp => sp.GetRequiredService<ITaskStore>() as IAccountStore
            ?? throw new InvalidOperationException("The registered ITaskStore keeps no users: register an IAccountStore as well."));
        services.TryAddSingleton<TaskWatcher>();
        services.TryAddSingleton<TasklanePrefixes>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITaskCreatorAccessor, HttpTaskCreatorAccessor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, TasklaneStartupFilter>());
        services.AddHostedService<AdminBootstrap>();
        return services;
    }
}
