using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Smp.Gateway.Acc;
using Smp.Gateway.Authentication;
using Smp.Gateway.Composition;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Expiry;
using Smp.Gateway.Hosting;
using Smp.Gateway.Identity;
using Smp.Gateway.Insight;
using Smp.Gateway.Keys;
using Smp.Gateway.LongLivedTokens;
using Smp.Gateway.RateLimiting;
using Smp.Gateway.Replay;
using Smp.Gateway.Routing;
using Smp.Gateway.State;
using Smp.Gateway.Tokens;
using Smp.Gateway.Windows;

namespace Smp.Gateway;

/// <summary>Builds the gateway host; used by <c>Program</c>, by <c>agent-sim demo</c> and by the tests.</summary>
public static class GatewayApp
{
    public const string EnvironmentPrefix = "SMPGW_";
    private const string EndpointsKey = "Kestrel:Endpoints";

    /// <summary>
    /// Builds the gateway: embedded <c>appsettings.json</c>, then the file named by <c>--config FILE</c>
    /// (reloaded on change), then <c>SMPGW_</c> environment variables and the standard <c>OTEL_*</c> ones
    /// (their names kept, for the OpenTelemetry SDK), then the command line, then
    /// <paramref name="overrides"/>. An invalid configuration stops <c>StartAsync</c> with an
    /// <see cref="OptionsValidationException"/> whose messages name each key.
    /// </summary>
    public static WebApplication Build(
        string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var app = BuildServices(args, overrides, configureServices, out var role);
        UseGateway(app, role);
        return app;
    }

    /// <summary>
    /// The host with the server's services and configuration but no request pipeline (so YARP has not loaded its
    /// routes yet): for the admin subcommands and <c>check-config</c>, which never start it.
    /// </summary>
    internal static WebApplication BuildServices(
        string[] args, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null) =>
        BuildServices(args, overrides, configureServices, out _);

    private static WebApplication BuildServices(
        string[] args, IReadOnlyDictionary<string, string?>? overrides, Action<IServiceCollection>? configureServices, out GatewayRole role)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        ConfigureSources(builder.Configuration, args, overrides);
        // Kestrel binds its endpoints from configuration but not its limits: bind them here, so the
        // limits the configuration states (header size and count, request line, header timeout) hold.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            context.Configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
            kestrel.ListenForPrometheus(context.Configuration);
        });
        // Under systemd (Type=notify): READY=1 once Kestrel listens, STOPPING=1, journal-style log lines. As a
        // Windows service: the SCM's start and stop. Elsewhere both do nothing.
        builder.Services.AddSystemd();
        builder.Services.AddWindowsService();
        // The role is read once, here: each role registers itself whole, and nothing is replaced afterwards.
        role = GatewayRoles.Read(builder.Configuration);
        AddGateway(builder.Services, builder.Configuration, role);
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>
    /// The configuration <see cref="Build"/> would read, without a host and read once (no file watch, which would
    /// hold an inotify instance per call): for <c>gateway doctor</c> and the validation before a start.
    /// </summary>
    internal static ConfigurationManager LoadConfiguration(string[] args)
    {
        var configuration = new ConfigurationManager();
        ConfigureSources(configuration, args, null, reloadOnChange: false);
        return configuration;
    }

    private static void ConfigureSources(
        ConfigurationManager configuration, string[] args, IReadOnlyDictionary<string, string?>? overrides, bool reloadOnChange = true)
    {
        configuration.Sources.Clear();
        configuration.AddOtelDefaults();

        int i = Array.IndexOf(args, "--config");
        if (i >= 0)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException("--config: a file name is required.");
            }

            string path = Path.GetFullPath(args[i + 1]);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"--config: '{path}' does not exist.", path);
            }

            configuration.AddJsonFile(path, optional: false, reloadOnChange: reloadOnChange);
        }

        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddOtelEnvironment();
        // Without --config (i is -1) every argument is the command line's, the first one too.
        configuration.AddCommandLine(args.Where((_, k) => i < 0 || (k != i && k != i + 1)).ToArray());
        if (overrides is not null)
        {
            configuration.AddInMemoryCollection(overrides);
        }

        // The embedded defaults go first, under every other layer. Their endpoint (127.0.0.1:8080) applies only
        // when no other layer names one: Kestrel binds every endpoint it finds, so a configuration's own
        // endpoints would otherwise come beside it, a plain-text listener nobody asked for.
        bool ownEndpoints = configuration.GetSection(EndpointsKey).GetChildren().Any();
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = EmbeddedSettings(ownEndpoints) });
    }

    /// <summary>The embedded <c>appsettings.json</c> as configuration keys, without <c>Kestrel:Endpoints</c> when asked.</summary>
    private static Dictionary<string, string?> EmbeddedSettings(bool withoutEndpoints)
    {
        using var embedded = typeof(GatewayApp).Assembly.GetManifestResourceStream("Smp.Gateway.appsettings.json")!;
        var settings = new ConfigurationBuilder().AddJsonStream(embedded).Build();
        return settings.AsEnumerable()
            .Where(e => e.Value is not null
                && !(withoutEndpoints && e.Key.StartsWith(EndpointsKey + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(e => e.Key, e => e.Value);
    }

    private static void AddGateway(IServiceCollection services, IConfiguration configuration, GatewayRole role)
    {
        var state = configuration.ReadStateOptions();
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddGatewayState(state).AddLongLivedTokenStore(state).AddReplayRegistry(state);
        services.AddSingleton<IssuedTokenCache>().AddForwarded<ISweepable, IssuedTokenCache>();
        services.AddSingleton<IssuanceLimiter>();
        services.AddSingleton<VerifiedSignatureCache>().AddForwarded<ISweepable, VerifiedSignatureCache>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<ProofValidator>();
        services.AddAcc(configuration, state);
        services.AddSingleton<JwksEndpoint>();
        services.AddSingleton<LongLivedTokenService>();
        services.AddInsight(state);
        services.AddGatewayTelemetry(configuration);
        services.AddGatewayHealth();
        services.AddSingleton<HostChecks>();
        services.AddSingleton<SharedStateConnection>();
        services.AddSingleton<CauseThrottle>();
        services.AddSingleton<UpstreamCredentials>();
        services.AddHostedService<StartupCheck>();
        services.AddHostedService<ExpirySweeper>();
        if (role == GatewayRole.Site)
        {
            services.AddSiteRole();
        }
        else
        {
            services.AddIssuerRole(state);
        }

        services.AddAuthentication().AddSmpToken().AddAccBasic().AddSmpBearer();
        services.AddWindowsAuthentication().AddRouteAuthentication();

        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteAuthModeFilter>()
            .AddTransforms<IdentityTransformProvider>();
    }

    /// <summary>The object a command runs on, from a host built but never started: handed out here, resolved nowhere below.</summary>
    internal static T Root<T>(WebApplication app) where T : notnull => app.Services.GetRequiredService<T>();

    private static void UseGateway(WebApplication app, GatewayRole role)
    {
        app.WithoutAutomaticAuthentication();
        app.UsePrometheusListener();
        app.UseMiddleware<RequestLog>();
        app.UseMiddleware<AuthorizationHeaderGuard>();
        // Before routing, so that no route is chosen on a path the server behind would read otherwise (§12).
        app.UseMiddleware<PathGuard>();
        app.UseRouting();
        app.MapGatewayHealth(app.Services.GetRequiredService<ReadinessLog>());
        app.MapMethods(JwksEndpoint.Path, [HttpMethods.Get, HttpMethods.Head], (HttpContext context, JwksEndpoint jwks) => jwks.HandleAsync(context));
        if (role == GatewayRole.Site)
        {
            app.MapSiteRole();
        }
        else
        {
            app.MapIssuerRole();
        }

        app.MapReverseProxy(proxy =>
        {
            // First, so it also sees the load balancer's "no destination" as well as the forwarder's failures.
            proxy.UseMiddleware<UpstreamErrors>();
            proxy.UseMiddleware<UpgradeGuard>();
            proxy.UseMiddleware<RouteAuthenticationMiddleware>();
            proxy.UseMiddleware<UpgradeTunnelWatch>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).WithRouteAuthentication(app.Services.GetRequiredService<RouteAuthentications>());
    }
}
