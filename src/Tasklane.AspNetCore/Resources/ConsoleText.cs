namespace Tasklane.AspNetCore.Resources;

/// <summary>The marker type of the console's localized texts (<c>ConsoleText.resx</c>, <c>.uk.resx</c>, <c>.ru.resx</c>).</summary>
internal sealed class ConsoleText;
