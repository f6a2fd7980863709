namespace Tasklane.Examples;

/// <summary>The application's own product storage, as the examples' workers use it.</summary>
public interface IProductRepo
{
    Task<IReadOnlyList<string>> ReadAsync(string file, CancellationToken cancellationToken);

    Task SaveAsync(string row, CancellationToken cancellationToken);
}
