namespace Tasklane;

/// <summary>A custom role: a name and the permissions it grants (the built-in roles are not stored).</summary>
public sealed record RoleRow
{
    /// <summary>The role's name, lower case.</summary>
    public required string Name { get; init; }
    /// <summary>The permissions it grants, in the order they were given.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];
    /// <summary>When the role was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the role last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Equal when every field is, the permissions compared in order.</summary>
    public bool Equals(RoleRow? other) =>
        other is not null && Name == other.Name && Permissions.SequenceEqual(other.Permissions)
        && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Permissions.Count, CreatedAt, UpdatedAt);
}
