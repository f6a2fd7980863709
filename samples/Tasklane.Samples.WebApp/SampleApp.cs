using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Tasklane.Sqlite;

namespace Tasklane.Samples.WebApp;

/// <summary>
/// The sample app: its own cookie sign-in and users, its own page that starts an export task and shows its
/// progress, and Tasklane mapped under <c>/tasklane</c> behind the app's sign-in.
/// </summary>
public static class SampleApp
{
    /// <summary>Builds the app; <c>--urls</c> as for any ASP.NET Core app, <c>--data DIR</c> for the SQLite file.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var data = Path.GetFullPath(builder.Configuration["data"] ?? "webapp-data");
        Directory.CreateDirectory(data);

        // snippet: webapp-auth
        // The app's own sign-in: a cookie, its own users and roles (AppUsers).
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o => o.LoginPath = "/signin");
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();
        // end snippet

        // snippet: webapp-tasklane
        builder.Services.AddTasklane(b => b
            .UseSqlite(Path.Combine(data, "tasklane.db"))
            .AddWorker<ExportWorker>());
        builder.Services.AddTasklaneHttp(o => o.UseHostAuthentication(map => map
            .MapRole("admin", Permissions.AdminRole)
            .Map(user => user.IsInRole("staff")
                ? [Permissions.TaskList, Permissions.TaskView, Permissions.TaskCreate, Permissions.TaskCancel]
                : [])));
        builder.Services.AddHealthChecks().AddTasklaneHealthChecks();
        // end snippet

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/signin", (HttpContext http, IAntiforgery antiforgery, string? ReturnUrl) =>
            Pages.SignIn(antiforgery.GetAndStoreTokens(http), ReturnUrl, error: null));
        app.MapPost("/signin", SignInAsync);
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync();
            return Results.Redirect("/signin");
        }).RequireAuthorization();
        app.MapGet("/", (HttpContext http, IAntiforgery antiforgery) => Pages.Home(http.User, antiforgery.GetAndStoreTokens(http), null))
            .RequireAuthorization();
        app.MapPost("/exports", StartExportAsync).RequireAuthorization();
        app.MapGet("/exports/{id:long}", (HttpContext http, IAntiforgery antiforgery, long id) =>
            Pages.Home(http.User, antiforgery.GetAndStoreTokens(http), id)).RequireAuthorization();

        // snippet: webapp-map
        // The console at /tasklane/, the API at /tasklane/api/..., health at /tasklane/healthz.
        app.MapTasklane("/tasklane");
        // end snippet
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromForm] SignInForm form)
    {
        if (AppUsers.Check(form.Username ?? "", form.Password ?? "") is not { } user)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            return Pages.SignIn(antiforgery.GetAndStoreTokens(http), form.ReturnUrl, error: "Wrong name or password.");
        }
        await http.SignInAsync(AppUsers.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
        var back = form.ReturnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/";
        return Results.Redirect(back);
    }

    // snippet: webapp-export
    // The page's button: the export starts as a task in this very request, created by the signed-in user.
    private static async Task<IResult> StartExportAsync(ITaskClient tasks, [FromForm] ExportForm form, CancellationToken cancellationToken)
    {
        var task = await tasks.CreateAsync("export", "run", new ExportArgs(form.Steps ?? 20), cancellationToken: cancellationToken);
        return Results.Redirect($"/exports/{task.Id}");
    }
    // end snippet

    /// <summary>The sign-in form.</summary>
    public sealed record SignInForm(string? Username, string? Password, string? ReturnUrl);

    /// <summary>The export form.</summary>
    public sealed record ExportForm(int? Steps);
}
