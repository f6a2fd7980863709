using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Data.Common;
using Microsoft.Extensions.Options;
using Tasklane.AspNetCore;
using Tasklane.PostgreSql;
using Tasklane.Samples;
using Tasklane.Sqlite;

namespace Tasklane.Cli.Commands;

/// <summary><c>tasklane serve</c>: engine, JSON API and console in one process on an embedded SQLite file (or a shared PostgreSQL database).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var db = new Option<string>("--db") { Description = "The SQLite database file", DefaultValueFactory = _ => "./tasklane.db" };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "A PostgreSQL connection string: share the database with other nodes instead of the SQLite file (else TASKLANE_POSTGRES)",
        };
        var postgresSchema = new Option<string>("--postgres-schema")
        {
            Description = "The schema of Tasklane's tables in PostgreSQL (else TASKLANE_POSTGRES_SCHEMA, else tasklane)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TASKLANE_POSTGRES_SCHEMA") ?? "tasklane",
        };
        var demo = new Option<bool>("--demo") { Description = "Register the demo workers (demo, demo-sync)" };
        var adminPassword = new Option<string?>("--admin-password")
        {
            Description = "Password of the admin user created on first start (else TASKLANE_ADMIN_PASSWORD, else a random one printed once)",
        };
        var keysPath = new Option<string?>("--keys-path")
        {
            Description = "The folder of the key ring that encrypts worker secrets (else TASKLANE_KEYS_PATH; else with --postgres in the database, with SQLite in tasklane-keys beside the database file)",
        };
        var keysCertificate = new Option<string?>("--keys-certificate")
        {
            Description = "A PKCS#12 (.pfx) certificate that encrypts the key ring at rest (else TASKLANE_KEYS_CERTIFICATE); its password from TASKLANE_KEYS_CERTIFICATE_PASSWORD",
        };
        var command = new Command("serve", "Run a Tasklane node: engine, HTTP API and web console")
        {
            urls, db, postgres, postgresSchema, demo, adminPassword, keysPath, keysCertificate,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(new ServeSettings(
            parse.GetValue(urls)!,
            parse.GetValue(db)!,
            parse.GetValue(demo),
            parse.GetValue(adminPassword) ?? Environment.GetEnvironmentVariable("TASKLANE_ADMIN_PASSWORD"),
            parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("TASKLANE_POSTGRES"),
            parse.GetValue(postgresSchema)!,
            parse.GetValue(keysPath) ?? Environment.GetEnvironmentVariable("TASKLANE_KEYS_PATH"),
            parse.GetValue(keysCertificate) ?? Environment.GetEnvironmentVariable("TASKLANE_KEYS_CERTIFICATE")), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ServeSettings settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.UseKestrel(k => k.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddTasklane(b =>
        {
            if (string.IsNullOrWhiteSpace(settings.Postgres)) b.UseSqlite(settings.Db);
            else b.UsePostgreSql(settings.Postgres, settings.PostgresSchema);
            if (settings.Demo) b.AddDemoWorkers();
            if (!string.IsNullOrWhiteSpace(settings.KeysPath)) b.Configure(o => o.KeysPath = settings.KeysPath);
        });
        X509Certificate2? keysCertificate = null;
        if (!string.IsNullOrWhiteSpace(settings.KeysCertificate))
        {
            try
            {
                // Encrypts Tasklane's own key ring (in the database on PostgreSQL, else in the keys folder).
                keysCertificate = X509CertificateLoader.LoadPkcs12FromFile(
                    settings.KeysCertificate, Environment.GetEnvironmentVariable("TASKLANE_KEYS_CERTIFICATE_PASSWORD"));
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"tasklane serve: --keys-certificate {settings.KeysCertificate}: {ex.Message}");
                return 2;
            }
        }
        builder.Services.AddTasklaneHttp(o =>
        {
            o.AdminPassword = settings.AdminPassword;
            o.KeyRingCertificate = keysCertificate;
        });
        ServeObservability.Add(builder.Services);
        builder.Services.AddOpenApi(o => o.AddTasklane());

        try
        {
            await using var app = builder.Build();
            if (await CheckStoreAsync(app.Services.GetRequiredService<ITaskStore>(), settings, cancellationToken) is { } problem)
            {
                await Console.Error.WriteLineAsync("tasklane serve: " + problem);
                return 3;
            }
            app.MapOpenApi();
            app.MapTasklane("/");
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            // Bad settings (a too short --admin-password, …) are the user's to fix: say which, without a stack trace.
            await Console.Error.WriteLineAsync("tasklane serve: " + string.Join("; ", ex.Failures));
            return 2;
        }
    }

    /// <summary>
    /// Opens and migrates the store before the host starts, so that an unusable database (a file that is not SQLite,
    /// a corrupt one, a server that refuses) is one line naming it and why, not a host failure with its stack trace.
    /// </summary>
    private static async Task<string?> CheckStoreAsync(ITaskStore store, ServeSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            await store.MigrateAsync(cancellationToken);
            return null;
        }
        catch (DbException ex)
        {
            return string.IsNullOrWhiteSpace(settings.Postgres)
                ? $"the database file {Path.GetFullPath(settings.Db)} is unusable: {OneLine(ex.Message)}"
                : $"the PostgreSQL database is unusable (schema {settings.PostgresSchema}): {OneLine(ex.Message)}";
        }
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private sealed record ServeSettings(
        string Urls, string Db, bool Demo, string? AdminPassword, string? Postgres, string PostgresSchema, string? KeysPath, string? KeysCertificate);
}
