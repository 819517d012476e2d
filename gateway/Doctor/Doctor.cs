using Smp.Gateway.Configuration;
using Smp.Gateway.Routing;
using Yarp.ReverseProxy.Configuration;

namespace Smp.Gateway.Doctor;

/// <summary>
/// <c>gateway doctor [--config FILE] [--domain DOMAIN]</c>: reads the configuration as the gateway would and
/// reports each package source's codebase and access type (UNC needs ACC), whether ACC fallback can be switched
/// off, the token lifetime against the Sites' cache periods (§10), the setspn lines of each configured server, and the
/// identity presented to each cluster's servers (<see cref="UpstreamIdentityReport"/>).
/// Exit code 0 when healthy, 1 with problems.
/// </summary>
internal static class Doctor
{
    private static readonly TimeSpan RenewAhead = TimeSpan.FromMinutes(15);

    /// <param name="hostArgs">What the host reads its configuration from: <c>--config FILE</c> and <c>--Section:Key=VALUE</c> settings.</param>
    public static int Run(string[] hostArgs, string? domain, TextWriter output)
    {
        using var configuration = GatewayApp.LoadConfiguration(hostArgs);
        var problems = new List<string>();
        if (!GatewayKeyCheck.Check(configuration, problems))
        {
            // A value its option cannot take: nothing below could be read.
            throw new Hosting.ConfigurationInvalidException(problems);
        }

        var options = new GatewayOptions();
        configuration.GetSection(GatewayOptions.SectionName).Bind(options);
        var validation = new GatewayOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            problems.AddRange(validation.Failures);
        }

        output.WriteLine("Package sources (ReverseProxy:Routes):");
        var needAcc = new List<string>();
        foreach (var route in Routes(configuration))
        {
            string? problem = RouteAuthModeFilter.Check(route, options.Acc, out var mode);
            string codebase = RouteCodebases.Get(route) ?? "(no SmpCodebase)";
            bool unc = RouteCodebases.IsUnc(codebase);
            output.WriteLine($"  {route.RouteId}: codebase {codebase}, access {RouteAuthModes.AccessType(mode, options.Acc.Enabled)}{(unc ? " - UNC: ACC must stay" : string.Empty)}");
            if (problem is not null)
            {
                problems.Add(problem);
            }

            if (mode == RouteAuthMode.Acc)
            {
                needAcc.Add(route.RouteId);
            }
        }

        output.WriteLine(needAcc.Count == 0
            ? "ACC fallback: can be switched off (Gateway:Acc:Enabled false): every package is served over HTTP/HTTPS."
            : $"ACC fallback: must stay: {string.Join(", ", needAcc)} need ACC (UNC codebases or SmpAuth Acc).");
        if (options.Acc.Enabled && options.Acc.Directory.Url.Length > 0 && !options.Acc.Shield.Enabled)
        {
            problems.Add("Gateway:Acc:Shield:Enabled: false with a directory: agents with a stale password will lock the ACC account.");
        }

        CheckTokenLifetime(options.Tokens.Lifetime, output, problems);
        WriteSetSpn(configuration, options, domain, output);
        UpstreamIdentityReport.Write(configuration, options.Identity.KerberosKeytab, domain, output, problems);

        output.WriteLine(problems.Count == 0 ? "No problems." : $"{problems.Count} problem(s):");
        foreach (string p in problems)
        {
            output.WriteLine("  " + p);
        }

        return problems.Count == 0 ? 0 : 1;
    }

    private static void CheckTokenLifetime(TimeSpan lifetime, TextWriter output, List<string> problems)
    {
        // §10: a Site checks its cache every 5 minutes for tokens of an hour or less, 10 up to 8 hours, 30 beyond,
        // and renews a token that expires within 15 minutes.
        var period = lifetime <= TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(5) : lifetime <= TimeSpan.FromHours(8) ? TimeSpan.FromMinutes(10) : TimeSpan.FromMinutes(30);
        output.WriteLine($"Tokens: lifetime {lifetime}; a Site checks its cache every {period.TotalMinutes:0} minutes and renews tokens {RenewAhead.TotalMinutes:0} minutes ahead.");
        if (lifetime <= RenewAhead + period)
        {
            problems.Add($"Gateway:Tokens:Lifetime: {lifetime} is not longer than the renewal lead ({RenewAhead}) plus the Sites' cache period ({period}): " +
                "every cached token would be renewed on every pass, or expire between passes.");
        }
    }

    private static void WriteSetSpn(IConfiguration configuration, GatewayOptions options, string? domain, TextWriter output)
    {
        var hosts = configuration.GetSection("ReverseProxy:Clusters").GetChildren()
            .SelectMany(c => c.GetSection("Destinations").GetChildren()).Select(dest => dest["Address"])
            .Prepend(options.Audience)
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var u) ? u.Host : null)
            .OfType<string>().Where(SetSpnLines.Applies).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        output.WriteLine("Kerberos, for installations that keep it (run on a domain controller):");
        if (hosts.Count == 0)
        {
            output.WriteLine("  no server is configured by host name (addresses only): no SPN to set.");
        }

        foreach (string line in hosts.SelectMany(h => SetSpnLines.For(h, domain)))
        {
            output.WriteLine("  " + line);
        }
    }

    private static IEnumerable<RouteConfig> Routes(IConfiguration configuration) =>
        configuration.GetSection("ReverseProxy:Routes").GetChildren().Select(r => new RouteConfig
        {
            RouteId = r.Key,
            Metadata = r.GetSection("Metadata").GetChildren().Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!),
        });
}
