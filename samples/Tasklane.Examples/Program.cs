// snippet: program
using Tasklane;
using Tasklane.Sqlite;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTasklane(b => b.UseSqlite("tasklane.db"))
       .AddWorkersFromAssembly(typeof(Program).Assembly);
builder.Services.AddTasklaneHttp(o => o.AdminPassword = builder.Configuration["Tasklane:AdminPassword"]);

var app = builder.Build();
app.MapTasklane("/tasklane");          // API under /tasklane/api/...
app.Run();
// end snippet
