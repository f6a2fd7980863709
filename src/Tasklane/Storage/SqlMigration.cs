namespace Tasklane.Storage;

/// <summary>One numbered migration script.</summary>
/// <param name="Version">The number in front of the file name.</param>
/// <param name="Name">The file name without extension, e.g. <c>0001_init</c>.</param>
/// <param name="Sql">The script.</param>
public sealed record SqlMigration(int Version, string Name, string Sql);
