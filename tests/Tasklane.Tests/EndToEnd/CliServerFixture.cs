using Tasklane.Tests.Support;

namespace Tasklane.Tests.EndToEnd;

/// <summary>One real <c>tasklane serve --demo</c> on SQLite for a class of CLI tests, and the admin's token.</summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public ServeProcess Serve { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public string Folder => _directory.Path;

    /// <summary>A runner as the admin (TASKLANE_TOKEN), with a config folder of its own.</summary>
    public CliRunner Admin() => new(Serve.BaseAddress, AdminToken, NewConfigHome());

    /// <summary>A runner with no token at all.</summary>
    public CliRunner Anonymous() => new(Serve.BaseAddress, null, NewConfigHome());

    public string NewConfigHome()
    {
        var path = Path.Combine(_directory.Path, "config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task InitializeAsync()
    {
        Serve = await ServeProcess.StartAsync(_directory.DatabasePath);
        await Serve.SignInAsync();
        AdminToken = Serve.Http.DefaultRequestHeaders.Authorization!.Parameter!;
    }

    public async Task DisposeAsync()
    {
        await Serve.DisposeAsync();
        _directory.Dispose();
    }
}
