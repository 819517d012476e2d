using Smp.Gateway.Configuration;

namespace Smp.Gateway.Hosting;

/// <summary>
/// The one validation of a configuration, run by the server before it starts, by <c>gateway check-config</c> and by
/// every admin subcommand, so that what one lists the others list. First the sources as written (unknown
/// <c>Gateway</c> keys, values their type cannot take, Kestrel's endpoints and certificates, the proxy's destinations); then, when the values
/// bind, the host built from them: every options validator and YARP's routes and clusters. Nothing listens.
/// </summary>
internal static class ConfigurationValidation
{
    /// <summary>
    /// Builds the host with <paramref name="build"/> once the sources are sound and returns it with every problem
    /// found; throws <see cref="ConfigurationInvalidException"/> (the host disposed) when there is any.
    /// </summary>
    public static async Task<WebApplication> BuildCheckedAsync(string[] hostArgs, Func<string[], WebApplication> build, bool probePorts = false)
    {
        var problems = new List<string>();
        bool bindable;
        using (var configuration = GatewayApp.LoadConfiguration(hostArgs))
        {
            bindable = GatewayKeyCheck.Check(configuration, problems);
            KestrelEndpointCheck.Check(configuration, problems);
            ProxyConfigCheck.CheckDestinations(configuration, problems);
            if (probePorts)
            {
                KestrelEndpointCheck.CheckPortsFree(configuration, problems);
            }
        }

        if (!bindable)
        {
            throw new ConfigurationInvalidException(problems);
        }

        var app = build(hostArgs);
        try
        {
            var checks = GatewayApp.Root<HostChecks>(app);
            problems.AddRange(checks.OptionsProblems());
            var acc = new AccOptions();
            app.Configuration.GetSection($"{GatewayOptions.SectionName}:Acc").Bind(acc);
            await checks.CheckProxyAsync(acc, problems, app.Configuration[$"{GatewayOptions.SectionName}:Windows:Keytab"]);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        if (problems.Count > 0)
        {
            await app.DisposeAsync();
            throw new ConfigurationInvalidException(problems.Distinct().ToList());
        }

        return app;
    }
}
