namespace Tasklane.Examples;

/// <summary>The application's mail sender, as the examples' mailer worker uses it.</summary>
public interface ISmtp
{
    Task SendAsync(string to, string subject, CancellationToken cancellationToken);
}
