using System.Text.RegularExpressions;

namespace Tasklane.PostgreSql;

/// <summary>The schema that holds one Tasklane store's tables, and the notification channel named after it.</summary>
internal static partial class PostgreSqlSchema
{
    /// <summary>The schema name, checked: lower-case letters, digits and '_', at most 50 characters.</summary>
    public static string Validate(string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schema);
        if (!Identifier().IsMatch(schema))
        {
            throw new ArgumentException(
                $"The PostgreSQL schema '{schema}' is not valid: use 1–50 lower-case letters, digits or '_', starting with a letter or '_'.",
                nameof(schema));
        }
        return schema;
    }

    /// <summary>The LISTEN/NOTIFY channel of the store in <paramref name="schema"/>.</summary>
    public static string Channel(string schema) => "tasklane_" + schema;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,49}$")]
    private static partial Regex Identifier();
}
