using Tasklane.PostgreSql;

namespace Tasklane.Examples;

/// <summary>A node of several on one PostgreSQL database: the scaling example.</summary>
public static class PostgreSqlHost
{
    public static void AddTasklaneOnPostgreSql(WebApplicationBuilder builder)
    {
        // snippet: postgresql-host
        builder.Services.AddTasklane(b => b
            .UsePostgreSql("Host=db;Database=app;Username=app;Password=…")   // schema "tasklane"
            .AddWorkersFromAssembly(typeof(Program).Assembly));
        // end snippet
    }
}
