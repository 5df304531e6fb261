using SealMatch.Server.Hosting;
using SealMatch.Server.WebConsole;

if (args is ["bootstrap-admin", ..])
{
    return await BootstrapAdmin.RunAsync(args[1..]);
}

WebApplicationBuilder builder = SealMatchHost.CreateBuilder(args);
builder.AddSealMatch();
builder.AddSealMatchConsole();
WebApplication app = builder.Build();
await app.MigrateDatabaseAsync();
app.MapSealMatch();
app.MapSealMatchConsole();
await app.RunAsync();
return 0;

/// <summary>The host's entry point (public for the functional tests' WebApplicationFactory).</summary>
public partial class Program;
