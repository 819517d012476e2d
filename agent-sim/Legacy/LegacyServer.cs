namespace Smp.AgentSim.Legacy;

/// <summary>
/// A stand-in for an unmodified legacy management server behind the gateway: it trusts the
/// identity headers the gateway adds (PROTOCOL.md §12) and nothing else, or demands Basic or Negotiate
/// (<see cref="LegacyRequirement"/>) as an IIS with Windows authentication does.
/// </summary>
public static class LegacyServer
{
    /// <summary>
    /// Builds the server listening on <paramref name="url"/> (e.g. <c>http://127.0.0.1:8081</c>).
    /// No configuration file or environment is read, so a caller's settings cannot move it.
    /// </summary>
    public static WebApplication Build(string url, LogLevel minimumLogLevel = LogLevel.Warning, LegacyRequirement? requirement = null) =>
        Build(url, null, minimumLogLevel, requirement);

    /// <summary>As <see cref="Build(string, LogLevel, LegacyRequirement)"/>, recording what it serves in <paramref name="ledger"/> when one is given.</summary>
    internal static WebApplication Build(string url, ProofLedger? ledger, LogLevel minimumLogLevel = LogLevel.Warning, LegacyRequirement? requirement = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls(url);
        builder.Services.AddRoutingCore();
        builder.Logging.AddConsole().SetMinimumLevel(minimumLogLevel);

        WebApplication app = builder.Build();
        app.UseMiddleware<LegacyIdentityGate>(requirement ?? LegacyRequirement.Headers);
        if (ledger is not null)
        {
            app.Use((context, next) =>
            {
                ledger.Record(context.Request);
                return next(context);
            });
        }

        app.UseRouting();
        LegacyEndpoints.Map(app);
        return app;
    }
}
