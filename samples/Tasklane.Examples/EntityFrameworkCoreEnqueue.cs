using Microsoft.EntityFrameworkCore;
using Tasklane.EntityFrameworkCore;

namespace Tasklane.Examples;

/// <summary>An order of the shop that <see cref="ShopContext"/> keeps.</summary>
public sealed class Order
{
    public long Id { get; set; }

    public required string Email { get; set; }
}

/// <summary>The application's own EF Core context, on Tasklane's database.</summary>
public sealed class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}

/// <summary>Creating a task inside a DbContext's transaction.</summary>
public static class EntityFrameworkCoreEnqueue
{
    public static async Task PlaceOrderAsync(ITaskClient tasks, ShopContext context, Order order)
    {
        // snippet: transactional-enqueue-ef-core
        await using var transaction = await context.Database.BeginTransactionAsync();
        context.Orders.Add(order);
        await context.SaveChangesAsync();
        await tasks.InTransaction(context).CreateAsync("mailer", "send", new SendArgs("Order received", [order.Email]));
        await transaction.CommitAsync();   // the order and its task, or neither
        // end snippet
    }
}
