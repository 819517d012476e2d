using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Administration;

/// <summary>
/// <c>gateway check-config [--config FILE]</c> (oauth2-proxy's <c>--config-test</c>): loads the configuration as the
/// server does, runs every options validator, YARP's route and cluster validation and the routes' <c>SmpAuth</c>
/// check, checks the HTTPS certificate files, and prints every problem with its key. Exit 0 when it would start, 2 when not.
/// </summary>
internal static class ConfigCheckCommand
{
    public const string Usage = "gateway check-config [--config FILE]";

    public static async Task<int> RunAsync(AdminArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        args.Allow();
        var problems = new List<string>();
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = GatewayApp.BuildServices(args.HostArgs, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "None" });
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or InvalidDataException or FormatException or InvalidOperationException)
        {
            output.WriteLine("The configuration cannot be read:");
            output.WriteLine("  " + e.Message);
            return 2;
        }

        await using (app)
        {
            try
            {
                app.Services.GetService<IStartupValidator>()?.Validate();
            }
            catch (OptionsValidationException e)
            {
                problems.AddRange(e.Failures);
            }
            catch (AggregateException e)
            {
                problems.AddRange(e.InnerExceptions.SelectMany(x => x is OptionsValidationException v ? v.Failures : [x.Message]));
            }

            var acc = new AccOptions();
            app.Configuration.GetSection($"{GatewayOptions.SectionName}:Acc").Bind(acc);
            await CheckProxyAsync(app.Services, acc, problems);
            CheckCertificates(app.Configuration, problems);
        }

        problems = problems.Distinct().ToList();
        if (problems.Count == 0)
        {
            output.WriteLine("The configuration is valid.");
            return 0;
        }

        output.WriteLine($"The configuration is not valid ({problems.Count} problem(s)):");
        problems.ForEach(p => output.WriteLine("  " + p));
        return 2;
    }

    private static async Task CheckProxyAsync(IServiceProvider services, AccOptions acc, List<string> problems)
    {
        IProxyConfig config;
        try
        {
            config = services.GetRequiredService<IProxyConfigProvider>().GetConfig();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            problems.Add($"ReverseProxy: {e.Message}{(e.InnerException is { } inner ? " " + inner.Message : string.Empty)}");
            return;
        }

        var validator = services.GetRequiredService<IConfigValidator>();
        foreach (var route in config.Routes)
        {
            problems.AddRange((await validator.ValidateRouteAsync(route)).Select(e => $"ReverseProxy:Routes:{route.RouteId}: {e.Message}"));
            if (RouteAuthModeFilter.Check(route, acc, out _) is { } problem)
            {
                problems.Add(problem);
            }

            if (route.ClusterId is { } cluster && !config.Clusters.Any(c => c.ClusterId == cluster))
            {
                problems.Add($"ReverseProxy:Routes:{route.RouteId}:ClusterId: no cluster '{cluster}' under ReverseProxy:Clusters.");
            }
        }

        foreach (var cluster in config.Clusters)
        {
            problems.AddRange((await validator.ValidateClusterAsync(cluster)).Select(e => $"ReverseProxy:Clusters:{cluster.ClusterId}: {e.Message}"));
        }
    }

    /// <summary>Kestrel reads certificate files only when it starts listening: check that they are there.</summary>
    private static void CheckCertificates(IConfiguration configuration, List<string> problems)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            foreach (string name in new[] { "Path", "KeyPath" })
            {
                string key = $"Kestrel:Endpoints:{endpoint.Key}:Certificate:{name}";
                if (configuration[key] is { Length: > 0 } file && !File.Exists(file))
                {
                    problems.Add($"{key}: '{file}' does not exist.");
                }
            }
        }
    }
}
