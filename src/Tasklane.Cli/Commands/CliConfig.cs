using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tasklane.Cli.Commands;

/// <summary>
/// The user's config file: the server of the last <c>tasklane login</c> and a token per server. It lives at
/// <c>$XDG_CONFIG_HOME/tasklane/config.json</c> (else <c>~/.config/tasklane/config.json</c>; on Windows in
/// <c>%APPDATA%\tasklane</c>), is written whole to a temporary file and moved into place, and is readable by its owner
/// only (file 0600, folder 0700), since it holds bearer tokens.
/// </summary>
internal sealed class CliConfig
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The server of the last login: the default of <c>--server</c> after TASKLANE_SERVER.</summary>
    public string? Server { get; set; }

    /// <summary>The saved sign-ins, by server address (normalised: no trailing slash).</summary>
    public Dictionary<string, SavedLogin> Logins { get; set; } = [];

    /// <summary>The config file's path for this user and environment.</summary>
    public static string DefaultPath()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(root, "tasklane", "config.json");
    }

    /// <summary>The file at <paramref name="path"/>, or an empty config when there is none.</summary>
    public static CliConfig Load(string path)
    {
        if (!File.Exists(path)) return new CliConfig();
        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(path), Json) ?? new CliConfig();
        }
        catch (JsonException ex)
        {
            throw new CliException($"the config file {path} is not valid JSON ({ex.Message}): fix it or delete it and run `tasklane login` again", ExitCodes.Usage);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"the config file {path} cannot be read: {ex.Message}", ExitCodes.Usage);
        }
    }

    /// <summary>Writes the file whole, owner-only, replacing what was there.</summary>
    public void Save(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".config.{Environment.ProcessId}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
                File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                var options = new FileStreamOptions
                {
                    Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                };
                using (var stream = new FileStream(temporary, options))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(JsonSerializer.Serialize(this, Json));
                }
                // A leftover temporary file of an earlier run keeps its mode on FileMode.Create: set it again.
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            throw new CliException($"the config file {path} cannot be written: {ex.Message}");
        }
    }

    /// <summary>A server address as the key of <see cref="Logins"/>.</summary>
    public static string Key(string server) => server.Trim().TrimEnd('/');
}
