namespace Tasklane;

/// <summary>An artifact is larger than the database keeps (<see cref="TasklaneOptions.MaxDatabaseArtifactBytes"/>); the message says what to change.</summary>
public sealed class ArtifactTooLargeException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public ArtifactTooLargeException(string message) : base(message)
    {
    }
}
